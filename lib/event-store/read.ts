import { Prisma } from "@/lib/generated/prisma/client";
import { prepared } from "@/lib/db/raw-transaction";
import { notSuperseded } from "./effects";
import { EventValidationError } from "./errors";
import type { EventRegistry } from "./registry";
import { EVENT_COLUMNS, type EventRow, type Queryable, toRecordedEvents } from "./rows";
import type { AsOf, ReadStreamOptions, RecordedEvent } from "./types";

export const MAX_READ_ALL_LIMIT = 10_000;

export function asOfFilter(asOf: AsOf | undefined): Prisma.Sql {
  if (!asOf) return Prisma.empty;
  if ("position" in asOf) return Prisma.sql`AND e.global_position <= ${asOf.position}`;
  if ("effective" in asOf) return Prisma.sql`AND e.occurred_at <= ${asOf.effective.toISOString()}::timestamptz`;
  return Prisma.sql`AND e.recorded_at <= ${asOf.time.toISOString()}::timestamptz`;
}

/** One stream in version order, optionally cut at a version, position or time (inclusive). */
export async function readStream(
  db: Queryable,
  registry: EventRegistry,
  streamId: string,
  { fromVersion = 1, toVersion, asOf, withoutSuperseded }: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.stream_id = ${streamId} AND e.stream_version >= ${fromVersion}
      ${toVersion === undefined ? Prisma.empty : Prisma.sql`AND e.stream_version <= ${toVersion}`}
      ${asOfFilter(asOf)} ${withoutSuperseded ? notSuperseded : Prisma.empty}
    ORDER BY e.stream_version`;
  return toRecordedEvents(db, registry, rows);
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Position to pass as `after` next time (unchanged when nothing new was readable). */
  checkpoint: number;
}

/**
 * The global log in its safe order: only events whose transaction id is below
 * the oldest running transaction (pg_snapshot_xmin) are returned, ordered by
 * (transaction id, position). Everything below that line has finished, so the
 * set only grows at its end: a reader that continues after its last event
 * never skips one that commits late. A rolled-back append is simply absent.
 */
export async function readAll(
  db: Queryable,
  registry: EventRegistry,
  { after = 0, limit = 500 }: { after?: number; limit?: number } = {},
): Promise<ReadAllResult> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_ALL_LIMIT) {
    throw new EventValidationError("Invalid read", [{ path: "limit", message: `must be 1 to ${MAX_READ_ALL_LIMIT}` }]);
  }
  // A keyset on (transaction id, position): the cursor's transaction id is looked up in the same query.
  const cursor =
    after > 0
      ? Prisma.sql`AND (e.transaction_id, e.global_position) >
          ((SELECT c.transaction_id FROM events c WHERE c.global_position = ${after}::bigint), ${after}::bigint)`
      : Prisma.empty;
  const rows = await db.$queryRaw<EventRow[]>(prepared`
    SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ${cursor}
    ORDER BY e.transaction_id, e.global_position
    LIMIT ${limit}`);
  if (rows.length === 0 && after > 0) await checkCursor(db, after);
  const events = await toRecordedEvents(db, registry, rows);
  return { events, checkpoint: events.at(-1)?.position ?? after };
}

/** Nothing after a cursor: say so when the cursor itself names no event (an empty page would hide the mistake). */
async function checkCursor(db: Queryable, after: number) {
  const [found] = await db.$queryRaw<
    { found: number }[]
  >`SELECT 1 AS found FROM events WHERE global_position = ${after}`;
  if (!found)
    throw new EventValidationError("Invalid read", [{ path: "after", message: `no event at position ${after}` }]);
}

/**
 * One account's events in the global log's order, up to and including the
 * event at `upTo` in that order (a projection's checkpoint): what a
 * projection applied for that account, for rebuilding its rows alone.
 */
export async function readAccountLog(
  db: Queryable,
  registry: EventRegistry,
  accountId: string,
  upTo: number,
  { withoutSuperseded = false }: { withoutSuperseded?: boolean } = {},
): Promise<RecordedEvent[]> {
  if (upTo <= 0) return [];
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM events e,
      (SELECT transaction_id AS xid FROM events WHERE global_position = ${upTo}) c
    WHERE e.account_id = ${accountId} AND (e.transaction_id, e.global_position) <= (c.xid, ${upTo}::bigint)
      ${withoutSuperseded ? notSuperseded : Prisma.empty}
    ORDER BY e.transaction_id, e.global_position`;
  return toRecordedEvents(db, registry, rows);
}

/** Events by global position (any order in, position order out); unknown positions are left out. */
export async function readEventsAt(
  db: Queryable,
  registry: EventRegistry,
  positions: readonly number[],
): Promise<RecordedEvent[]> {
  if (positions.length === 0) return [];
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.global_position = ANY(${positions.map(BigInt)}::bigint[])
    ORDER BY e.global_position`;
  return toRecordedEvents(db, registry, rows);
}
