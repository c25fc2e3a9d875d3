import { prepared, type RawQueryable } from "@/lib/db/raw-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StoredChainRow } from "./hash-chain";
import type { EventMetadata } from "./metadata";
import { collectPersonalDataRefs, resolvePersonalData } from "./personal-data";
import type { EventRegistry } from "./registry";
import type { RecordedEvent } from "./types";

/** What the store's raw queries run on: the client, an interactive transaction, or the driver (Database.raw). */
export type Queryable = RawQueryable;

export const EVENT_COLUMNS = Prisma.sql`
  e.global_position, e.event_id::text AS event_id, e.stream_id, e.stream_type, e.stream_version,
  e.event_type, e.schema_version, e.data, e.metadata, e.account_id, e.occurred_at, e.recorded_at,
  e.prev_hash, e.hash`;

export interface EventRow {
  global_position: bigint;
  event_id: string;
  stream_id: string;
  stream_type: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  account_id: string;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
}

export function toChainRow(row: EventRow): StoredChainRow {
  return {
    position: Number(row.global_position),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    streamVersion: row.stream_version,
    eventType: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    accountId: row.account_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Stored data as readers see it: personal data resolved, then upcast to the
 * current schema (its version: registry.upcastVersion).
 */
export async function readableData(
  db: Queryable,
  registry: EventRegistry,
  rows: readonly Pick<EventRow, "data" | "event_type" | "schema_version">[],
  /** Values the caller's query already brought (load.ts); only references missing here are looked up. */
  known?: ReadonlyMap<string, string | null>,
): Promise<Record<string, unknown>[]> {
  const refs = new Set<string>();
  // Only the rows that hold references are copied with their values put back.
  const holding = rows.map((row) => {
    // Most events hold none: only the types that declare personal fields are walked.
    if (!registry.mayHoldPersonalData(row.event_type)) return false;
    const own = collectPersonalDataRefs(row.data);
    for (const ref of own) if (!known?.has(ref)) refs.add(ref);
    return own.size > 0;
  });
  const values = new Map<string, string | null>(known);
  if (refs.size > 0) {
    const found = await db.$queryRaw<{ id: string; value: string | null }[]>(prepared`
      SELECT id::text AS id, value FROM personal_data WHERE id = ANY(${[...refs]}::uuid[])`);
    for (const { id, value } of found) values.set(id, value);
  }
  return rows.map((row, i) =>
    registry.upcastData(
      row.event_type,
      row.schema_version,
      holding[i] ? resolvePersonalData(row.data, values) : row.data,
    ),
  );
}

/** Rows as readers see them: personal data resolved, then upcast to the current schema. */
export async function toRecordedEvents(
  db: Queryable,
  registry: EventRegistry,
  rows: EventRow[],
): Promise<RecordedEvent[]> {
  const readable = await readableData(db, registry, rows);
  return rows.map((row, i) => {
    return {
      position: Number(row.global_position),
      eventId: row.event_id,
      streamId: row.stream_id,
      streamType: row.stream_type,
      version: row.stream_version,
      type: row.event_type,
      schemaVersion: registry.upcastVersion(row.event_type, row.schema_version),
      storedSchemaVersion: row.schema_version,
      data: readable[i]!,
      metadata: row.metadata,
      accountId: row.account_id,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      hash: row.hash,
      prevHash: row.prev_hash,
    };
  });
}
