import type { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { EventValidationError, type ValidationIssue } from "./errors";

// Event definitions are the domain's vocabulary; the store accepts any that fit.
export { defineEvent, type EventDefinition, type Upcaster } from "@/lib/domain/shared/event-definition";

/** Every event type the store accepts, with its schema, personal fields and upcasters. */
export class EventRegistry {
  private readonly byType = new Map<string, EventDefinition>();

  /** The known types that declare personal fields (what a query may resolve in SQL; see load.ts). */
  readonly personalTypes: readonly string[];

  /** The known types with an effect beside the log (they rewrite what the past reads: see effects.ts). */
  readonly effectTypes: readonly string[];

  constructor(definitions: Iterable<EventDefinition>) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`Event type ${definition.type} is defined twice`);
      this.byType.set(definition.type, definition);
    }
    this.personalTypes = [...this.byType.values()].filter((d) => d.personalFields?.length).map((d) => d.type);
    this.effectTypes = [...this.byType.values()].filter((d) => d.effect).map((d) => d.type);
  }

  get(type: string): EventDefinition {
    const definition = this.byType.get(type);
    if (!definition) {
      throw new EventValidationError("Unknown event type", [
        { path: "type", message: `"${type}" is not a known event type` },
      ]);
    }
    return definition;
  }

  /**
   * Parses data against the current schema (or, for an older `schemaVersion`
   * the definition still accepts, that version's); the parsed value is what
   * gets stored.
   */
  validate(type: string, data: unknown, schemaVersion?: number): Record<string, unknown> {
    const definition = this.get(type);
    const legacy = schemaVersion !== undefined && schemaVersion !== definition.schemaVersion;
    const schema = legacy ? definition.legacySchemas?.[schemaVersion] : definition.schema;
    if (!schema) {
      throw new EventValidationError(`Invalid data for ${type}`, [
        { path: "schemaVersion", message: `${type} is not written in schema version ${schemaVersion}` },
      ]);
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      throw new EventValidationError(`Invalid data for ${type}`, zodIssues(result.error, "data"));
    }
    return result.data as Record<string, unknown>;
  }

  /** Whether stored events of this type may hold personal-data references (unknown types: assume so). */
  mayHoldPersonalData(type: string): boolean {
    const definition = this.byType.get(type);
    return !definition || (definition.personalFields?.length ?? 0) > 0;
  }

  /** Lifts stored data to the current schema version; the stored row is never touched. */
  upcast(type: string, schemaVersion: number, data: Record<string, unknown>) {
    return { schemaVersion: this.upcastVersion(type, schemaVersion), data: this.upcastData(type, schemaVersion, data) };
  }

  /** The schema version stored data of this type is read at (upcastData's). */
  upcastVersion(type: string, schemaVersion: number): number {
    const definition = this.byType.get(type);
    return definition ? Math.max(schemaVersion, definition.schemaVersion) : schemaVersion;
  }

  /** upcast's data alone: a load or a page reads thousands of events, and this allocates nothing for current ones. */
  upcastData(type: string, schemaVersion: number, data: Record<string, unknown>): Record<string, unknown> {
    const definition = this.byType.get(type);
    if (!definition) return data;
    let current = data;
    for (let v = schemaVersion; v < definition.schemaVersion; v++) {
      current = definition.upcasters![v]!(current);
    }
    return current;
  }
}

export function zodIssues(error: z.ZodError, prefix: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}
