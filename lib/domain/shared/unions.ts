import type { z } from "zod";
import { defineEvent, type EventDefinition, type EventEffect, type Upcaster } from "./event-definition";
import type { Command, DomainEvent } from "./decider";

/** A record of zod schemas keyed by event or command type. */
export type SchemaMap = Record<string, z.ZodType>;

/** The discriminated union of events described by a schema map. */
export type EventUnionOf<M extends SchemaMap> = {
  [K in keyof M & string]: DomainEvent<K, z.output<M[K]>>;
}[keyof M & string];

/** The discriminated union of commands described by a schema map (data after parsing). */
export type CommandUnionOf<M extends SchemaMap> = {
  [K in keyof M & string]: Command<K, z.output<M[K]>>;
}[keyof M & string];

interface EventDefinitionOptions<K extends string> {
  /** Dotted paths of names and emails, per event type. */
  personalFields?: Partial<Record<K, readonly string[]>>;
  /** What appending an event of the type does beside the log (see EventEffect). */
  effects?: Partial<Record<K, EventEffect>>;
  /** Event types past schema version 1, with their upcasters. */
  versions?: Partial<
    Record<
      K,
      {
        schemaVersion: number;
        upcasters: Readonly<Record<number, Upcaster>>;
        /** Earlier versions an import may still write (read upcast like any old event). */
        legacySchemas?: Readonly<Record<number, z.ZodType>>;
      }
    >
  >;
}

/** The store's event definitions for every schema of a map (schema version 1 unless stated). */
export function eventDefinitionsOf<M extends SchemaMap>(
  schemas: M,
  options: EventDefinitionOptions<keyof M & string> = {},
): EventDefinition[] {
  return (Object.keys(schemas) as (keyof M & string)[]).map((type) => {
    const version = options.versions?.[type];
    const personalFields = options.personalFields?.[type];
    const effect = options.effects?.[type];
    return defineEvent({
      type,
      schemaVersion: version?.schemaVersion ?? 1,
      schema: schemas[type]!,
      ...(personalFields ? { personalFields } : {}),
      ...(version ? { upcasters: version.upcasters } : {}),
      ...(version?.legacySchemas ? { legacySchemas: version.legacySchemas } : {}),
      ...(effect ? { effect } : {}),
    });
  });
}
