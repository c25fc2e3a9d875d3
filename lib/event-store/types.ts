import type { ExpectedVersion } from "./errors";
import type { EventMetadata, EventMetadataInput } from "./metadata";

/** An event to append: its type, its data in the current schema, and optionally its id and business time. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  /** Defaults to a random UUID. */
  eventId?: string;
  /** When it happened in the business; a backdated correction sets it in the past. Defaults to when it is recorded. */
  occurredAt?: Date;
  /** An older schema version the type still accepts (`legacySchemas`), for imports of old shapes; default: current. */
  schemaVersion?: number;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  metadata: EventMetadataInput;
  /**
   * A repeated key returns the first append's result and writes nothing, also
   * when the repeats race. requestHash (defaults to one over the events) tells
   * a true repeat from a key reused for another request.
   */
  idempotency?: { key: string; requestHash?: string };
}

export interface AppendedEvent {
  eventId: string;
  type: string;
  version: number;
  position: number;
}

export interface AppendResult {
  streamId: string;
  accountId: string;
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last appended event. */
  position: number;
  events: AppendedEvent[];
  /** True when this is the stored result of an earlier append with the same idempotency key. */
  replayed: boolean;
}

/** An event as read back: data upcast to the current schema, personal data resolved. */
export interface RecordedEvent<TType extends string = string, TData = Record<string, unknown>> {
  position: number;
  eventId: string;
  streamId: string;
  streamType: string;
  version: number;
  type: TType;
  /** The schema version of `data`: the type's current one (older stored data is upcast when read). */
  schemaVersion: number;
  /** The version the event was stored in; below schemaVersion, `data` was upcast. */
  storedSchemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  accountId: string;
  occurredAt: Date;
  recordedAt: Date;
  hash: string;
  prevHash: string | null;
}

/**
 * A point in history, inclusive: a global position or a recorded time (what
 * the log held then), or a business time (what was true then,
 * counting facts recorded later but backdated to before it).
 */
export type AsOf = { position: number } | { time: Date } | { effective: Date };

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  asOf?: AsOf;
  /** Leave out superseded events, as folds do (the raw stream shows them). */
  withoutSuperseded?: boolean;
}
