import type { Queryable } from "./rows";

export interface OpenTransaction {
  pid: number;
  database: string | null;
  state: string | null;
  ageSeconds: number;
  query: string | null;
}

export interface ReadHorizon {
  /** Highest position the global log can deliver now (every transaction below it has finished). */
  safePosition: number;
  /** Highest committed position. */
  headPosition: number;
  /** Committed events that wait behind an open transaction. */
  waitingEvents: number;
  /** How long the oldest of them has waited (0 when none wait): how long the horizon has been stuck at least. */
  oldestWaitingSeconds: number;
  /** The oldest transaction holding the horizon back, if any is open. */
  oldestOpenTransaction: OpenTransaction | null;
}

/**
 * The horizon without the open transaction's SQL: its text may hold customer data and the schema's shape, so
 * only those who operate the system see it; everyone sees that a transaction is open, where and for how long.
 */
export function withoutQuery(horizon: ReadHorizon): ReadHorizon {
  const open = horizon.oldestOpenTransaction;
  return open ? { ...horizon, oldestOpenTransaction: { ...open, query: null } } : horizon;
}

export async function readHorizon(db: Queryable): Promise<ReadHorizon> {
  const [row] = await db.$queryRaw<
    { safe: bigint | null; head: bigint | null; waiting: bigint; oldest: number | null }[]
  >`
    WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
         w AS (SELECT e.recorded_at FROM events e, h WHERE e.transaction_id >= h.xmin)
    SELECT
      (SELECT e.global_position FROM events e, h WHERE e.transaction_id < h.xmin
         ORDER BY e.global_position DESC LIMIT 1) AS safe,
      (SELECT max(global_position) FROM events) AS head,
      (SELECT count(*) FROM w) AS waiting,
      (SELECT EXTRACT(EPOCH FROM (clock_timestamp() - min(recorded_at)))::float8 FROM w) AS oldest`;
  // The oldest transaction that holds an id: that is what pins pg_snapshot_xmin.
  const [open] = await db.$queryRaw<
    { pid: number; datname: string | null; state: string | null; age: number; query: string | null }[]
  >`
    SELECT pid, datname, state, EXTRACT(EPOCH FROM (clock_timestamp() - xact_start))::float8 AS age,
           left(query, 300) AS query
    FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
    ORDER BY age(backend_xid) DESC
    LIMIT 1`;
  return {
    safePosition: Number(row?.safe ?? 0),
    headPosition: Number(row?.head ?? 0),
    waitingEvents: Number(row?.waiting ?? 0),
    oldestWaitingSeconds: Math.max(0, row?.oldest ?? 0),
    oldestOpenTransaction: open
      ? { pid: open.pid, database: open.datname, state: open.state, ageSeconds: open.age ?? 0, query: open.query }
      : null,
  };
}
