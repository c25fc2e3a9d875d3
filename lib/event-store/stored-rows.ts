import { Prisma } from "@/lib/generated/prisma/client";
import type { StoredChainRow, StreamHead } from "./hash-chain";
import { EVENT_COLUMNS, type EventRow, type Queryable, toChainRow } from "./rows";

/**
 * A slice of one account's log: positions inclusive, business times
 * (occurred_at) from inclusive, to exclusive. Every bound is optional.
 */
export interface AccountSlice {
  accountId: string;
  fromPosition?: number;
  toPosition?: number;
  fromTime?: Date;
  toTime?: Date;
}

/** The stream's versions from the first to the last event of the slice, and its head. */
export interface SliceRun {
  streamId: string;
  streamType: string;
  fromVersion: number;
  toVersion: number;
  /** How many of the run's events are in the slice (the rest sit between them). */
  selected: number;
  head: StreamHead;
}

export interface VersionRange {
  streamId: string;
  fromVersion: number;
  toVersion: number;
}

/** A row exactly as stored (personal fields as references, not upcast), and whether it is in the slice. */
export interface StoredRow extends StoredChainRow {
  inSlice: boolean;
}

function sliceCondition(slice: AccountSlice): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`e.account_id = ${slice.accountId}`];
  if (slice.fromPosition !== undefined) conditions.push(Prisma.sql`e.global_position >= ${slice.fromPosition}`);
  if (slice.toPosition !== undefined) conditions.push(Prisma.sql`e.global_position <= ${slice.toPosition}`);
  if (slice.fromTime) conditions.push(Prisma.sql`e.occurred_at >= ${slice.fromTime.toISOString()}::timestamptz`);
  if (slice.toTime) conditions.push(Prisma.sql`e.occurred_at < ${slice.toTime.toISOString()}::timestamptz`);
  return Prisma.join(conditions, " AND ");
}

/**
 * Each stream the slice touches, in the order their first selected events were
 * written. One statement reads events and heads, so they agree: every version
 * up to a run's end is committed, whatever is appended later.
 */
export async function readSliceRuns(db: Queryable, slice: AccountSlice): Promise<SliceRun[]> {
  const rows = await db.$queryRaw<
    {
      stream_id: string;
      stream_type: string;
      from_version: number;
      to_version: number;
      selected: number;
      head_version: number | null;
      head_hash: string | null;
    }[]
  >`
    SELECT e.stream_id, min(e.stream_type) AS stream_type, min(e.stream_version) AS from_version,
      max(e.stream_version) AS to_version, count(*)::int AS selected,
      min(s.version) AS head_version, min(s.last_hash) AS head_hash
    FROM events e LEFT JOIN streams s ON s.stream_id = e.stream_id
    WHERE ${sliceCondition(slice)}
    GROUP BY e.stream_id
    ORDER BY min(e.global_position)`;
  return rows.map((row) => ({
    streamId: row.stream_id,
    streamType: row.stream_type,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    selected: row.selected,
    // A missing head row is itself damage; report it as an empty head for the reader's check to catch.
    head: { version: row.head_version ?? 0, lastHash: row.head_hash },
  }));
}

/**
 * Every stored row of these streams between the versions (inclusive), in the
 * ranges' order then version order, each marked whether it is in the slice.
 */
export async function readStoredRows(
  db: Queryable,
  ranges: readonly VersionRange[],
  slice: AccountSlice,
): Promise<StoredRow[]> {
  if (ranges.length === 0) return [];
  const rows = await db.$queryRaw<(EventRow & { in_slice: boolean })[]>`
    SELECT ${EVENT_COLUMNS}, (${sliceCondition(slice)}) AS in_slice
    FROM unnest(${ranges.map((r) => r.streamId)}::text[], ${ranges.map((r) => r.fromVersion)}::int[],
                ${ranges.map((r) => r.toVersion)}::int[]) WITH ORDINALITY AS r(stream_id, from_version, to_version, n)
    JOIN events e ON e.stream_id = r.stream_id AND e.stream_version BETWEEN r.from_version AND r.to_version
    ORDER BY r.n, e.stream_version`;
  return rows.map((row) => ({ ...toChainRow(row), inSlice: row.in_slice }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Personal data values by reference id: null when erased; ids without a row (or not ids at all) are left out. */
export async function readPersonalValues(db: Queryable, ids: readonly string[]): Promise<Map<string, string | null>> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; value: string | null }[]>`
    SELECT id::text AS id, value FROM personal_data WHERE id = ANY(${valid}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row.value]));
}
