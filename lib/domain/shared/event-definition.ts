import type { z } from "zod";

/** Turns data stored at schema version N into the shape of version N + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * What appending an event does beside the log, in the same transaction (the store carries it out):
 * "supersede" marks the event its data names (data.position) as left out of every fold;
 * "erase-personal-data" erases its account's names and emails.
 */
export type EventEffect = "supersede" | "erase-personal-data";

export interface EventDefinition<TType extends string = string, TData = unknown> {
  type: TType;
  /** The current schema version; appends always write it. */
  schemaVersion: number;
  /** Validates the current shape. */
  schema: z.ZodType<TData>;
  /**
   * Dotted paths of names and emails: stored apart so they can be erased.
   * Readers look for the stored references only in types that list some, so a
   * type whose events ever held personal data keeps a list (a moved field's
   * new path, or the old one), never an empty one.
   */
  personalFields?: readonly string[];
  /** upcasters[n] lifts version n to n + 1, for every n below schemaVersion. */
  upcasters?: Readonly<Record<number, Upcaster>>;
  /**
   * Schemas of earlier versions, where events may still be written in them:
   * an import from a system that stores the old shape (validated, then read
   * upcast like any old event).
   */
  legacySchemas?: Readonly<Record<number, z.ZodType>>;
  effect?: EventEffect;
}

export function defineEvent<TType extends string, TData>(
  definition: EventDefinition<TType, TData>,
): EventDefinition<TType, TData> {
  for (let v = 1; v < definition.schemaVersion; v++) {
    if (!definition.upcasters?.[v]) {
      throw new Error(`${definition.type}: schema version ${definition.schemaVersion} needs an upcaster from v${v}`);
    }
  }
  return definition;
}

/** Opt-in per stream type: snapshot every `every` events, in the state's schema version. */
export interface SnapshotPolicy {
  schemaVersion: number;
  every: number;
}
