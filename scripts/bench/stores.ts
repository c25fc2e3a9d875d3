/**
 * The three systems behind one small interface, each through its own public
 * API: Ledgerline's event store, plain SQL on a minimal events table (the
 * floor: one INSERT per append, the unique (stream, version) index its only
 * check), and Emmett's PostgreSQL event store.
 */
import { isExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import { dumbo } from "@event-driven-io/dumbo";
import {
  getPostgreSQLEventStore,
  type PostgresEventStore,
  readMessagesBatch,
} from "@event-driven-io/emmett-postgresql";
import pg from "pg";
import type { Database } from "@/lib/db/types";
import { domainRegistry } from "@/lib/event-store/domain-registry";
import { ConcurrencyError, createEventStore, type EventMetadataInput, type EventStore } from "@/lib/event-store";
import { createRuntime } from "@/lib/server/runtime";

export interface BenchEvent {
  /** Ledgerline takes the id given (the cloned history's), the others make their own. */
  eventId?: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt?: Date;
}

export interface Fold<S> {
  initialState: () => S;
  evolve: (state: S, event: { type: string; data: Record<string, unknown> }) => S;
}

export interface BenchStore {
  /** Appends to one stream at the expected version (0: a new stream); returns the stream's new version. */
  append(streamId: string, events: BenchEvent[], expected: number, metadata: EventMetadataInput): Promise<number>;
  isConflict(error: unknown): boolean;
  /** The stream's current version (0 when it has no events). */
  version(streamId: string, known?: number): Promise<number>;
  /** Every version the stream holds, in order (for the gap check). */
  versions(streamId: string): Promise<number[]>;
  fold<S>(streamId: string, fold: Fold<S>): Promise<S>;
  /** Reads the log in its global order, `pageSize` events a page, all of it or its first `limit`; returns how many it read. */
  readAll(pageSize: number, limit?: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Ledgerline's store over a migrated database, with the runtime's snapshot
 * policies or with none, and without the folds a runtime keeps between
 * loads: B4 measures what a load reads and folds, not a repeat of it.
 */
export function ledgerlineStore(db: Database, { snapshots = true } = {}): BenchStore & { store: EventStore } {
  const store = snapshots
    ? createRuntime(db, undefined, { keepFolds: false }).store
    : createEventStore(db, { registry: domainRegistry, keepFolds: false });
  return {
    store,
    async append(streamId, events, expected, metadata) {
      const result = await store.append(
        streamId,
        events.map(({ eventId, type, data, occurredAt }) => ({ eventId, type, data, occurredAt })),
        {
          expectedVersion: expected === 0 ? "no_stream" : expected,
          metadata,
        },
      );
      return result.version;
    },
    isConflict: (error) => error instanceof ConcurrencyError,
    version: (streamId) => store.streamVersion(streamId),
    versions: async (streamId) => (await store.readStream(streamId)).map((e) => e.version),
    fold: async (streamId, fold) => (await store.loadAggregate(streamId, fold)).state,
    async readAll(pageSize) {
      let after = 0;
      let read = 0;
      for (;;) {
        const page = await store.readAll({ after, limit: pageSize });
        if (page.events.length === 0) return read;
        read += page.events.length;
        after = page.checkpoint;
      }
    },
    close: async () => undefined,
  };
}

/** What plain SQL runs on: a pg.Pool, or a PGlite instance. */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export const PLAIN_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bench_plain_events (
     global_position bigserial PRIMARY KEY, stream_id text NOT NULL, version int NOT NULL, type text NOT NULL,
     data jsonb NOT NULL, metadata jsonb NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (stream_id, version))`,
  `CREATE TABLE IF NOT EXISTS bench_plain_snapshots (stream_id text PRIMARY KEY, version int NOT NULL, state jsonb NOT NULL)`,
  // B7's floor: a command is one row, nothing read first.
  `CREATE TABLE IF NOT EXISTS bench_plain_log (
     global_position bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL,
     metadata jsonb NOT NULL)`,
];

export function plainStore(
  sql: Sql,
): BenchStore & { sql: Sql; snapshotFold<S>(streamId: string, fold: Fold<S>): Promise<S> } {
  const rowsAfter = async (streamId: string, version: number) =>
    (
      await sql.query(
        "SELECT type, data FROM bench_plain_events WHERE stream_id = $1 AND version > $2 ORDER BY version",
        [streamId, version],
      )
    ).rows as { type: string; data: Record<string, unknown> }[];
  return {
    sql,
    async append(streamId, events, expected, metadata) {
      const params: unknown[] = [streamId, JSON.stringify(metadata)];
      const values = events.map((event, i) => {
        params.push(
          expected + i + 1,
          event.type,
          JSON.stringify(event.data),
          (event.occurredAt ?? new Date()).toISOString(),
        );
        const p = params.length;
        return `($1, $${p - 3}, $${p - 2}, $${p - 1}::jsonb, $2::jsonb, $${p}::timestamptz)`;
      });
      await sql.query(
        `INSERT INTO bench_plain_events (stream_id, version, type, data, metadata, occurred_at) VALUES ${values.join(", ")}`,
        params,
      );
      return expected + events.length;
    },
    isConflict: (error) => (error as { code?: string }).code === "23505",
    async version(streamId) {
      const { rows } = await sql.query("SELECT max(version) AS v FROM bench_plain_events WHERE stream_id = $1", [
        streamId,
      ]);
      return Number(rows[0]?.v ?? 0);
    },
    async versions(streamId) {
      const { rows } = await sql.query("SELECT version FROM bench_plain_events WHERE stream_id = $1 ORDER BY version", [
        streamId,
      ]);
      return rows.map((r) => Number(r.version));
    },
    fold: async (streamId, fold) => (await rowsAfter(streamId, 0)).reduce(fold.evolve, fold.initialState()),
    /** The same fold from a snapshot row (kept by saveSnapshot) and the rows after it. */
    async snapshotFold(streamId, fold) {
      const { rows } = await sql.query("SELECT version, state FROM bench_plain_snapshots WHERE stream_id = $1", [
        streamId,
      ]);
      const snapshot = rows[0] as { version: number; state: never } | undefined;
      const tail = await rowsAfter(streamId, snapshot?.version ?? 0);
      return tail.reduce(fold.evolve, snapshot?.state ?? fold.initialState());
    },
    async readAll(pageSize) {
      let after = 0;
      let read = 0;
      for (;;) {
        const { rows } = await sql.query(
          `SELECT global_position, stream_id, version, type, data, metadata, occurred_at FROM bench_plain_events
           WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
          [after, pageSize],
        );
        if (rows.length === 0) return read;
        read += rows.length;
        after = Number(rows.at(-1)!.global_position);
      }
    },
    close: async () => undefined,
  };
}

export async function saveSnapshot(sql: Sql, streamId: string, version: number, state: unknown) {
  await sql.query(
    `INSERT INTO bench_plain_snapshots (stream_id, version, state) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state`,
    [streamId, version, JSON.stringify(state)],
  );
}

// Emmett's connection library (dumbo) sets node-postgres' global parsers when it makes its first pool
// (bigint as BigInt, JSON through its own serializer), which would change what every other pg client in
// this process gets. So its parsers go to its own pool only, and the globals are put back.
const PARSED = [20, 114, 3802];
const original = new Map(PARSED.map((oid) => [oid, pg.types.getTypeParser(oid)]));
const emmettParsers = new Map<number, (value: string) => unknown>();

/** Emmett's PostgreSQL event store (its schema is created on first use). */
export function emmettStore(url: string, max = 10): BenchStore & { store: PostgresEventStore } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        emmettParsers.get(oid) ?? pg.types.getTypeParser(oid, format as "text")) as never,
    },
  });
  pool.on("error", () => undefined); // as the plain pool's: clients terminated while closing
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  for (const oid of PARSED) {
    const parser = pg.types.getTypeParser(oid);
    if (parser !== original.get(oid)) emmettParsers.set(oid, parser);
    pg.types.setTypeParser(oid, original.get(oid)!);
  }
  const reader = dumbo({ connectionString: url });
  return {
    store,
    async append(streamId, events, expected, metadata) {
      const result = await store.appendToStream(
        streamId,
        events.map((e) => ({ type: e.type, data: e.data, metadata: { ...metadata, occurredAt: e.occurredAt } })),
        { expectedStreamVersion: expected === 0 ? STREAM_DOES_NOT_EXIST : BigInt(expected) },
      );
      return Number(result.nextExpectedStreamVersion);
    },
    isConflict: (error) => isExpectedVersionConflictError(error),
    // What a writer that lost a race reads: the events it has not seen, and the stream's version.
    version: async (streamId, known = 0) =>
      Number((await store.readStream(streamId, { from: BigInt(known + 1) })).currentStreamVersion),
    versions: async (streamId) =>
      (await store.readStream(streamId)).events.map((e) => Number(e.metadata.streamPosition)),
    fold: async (streamId, fold) =>
      (await store.aggregateStream(streamId, { initialState: fold.initialState, evolve: fold.evolve })).state,
    /** Emmett's own batch read of the global log (what its consumers pull with), without a consumer's checkpoints. */
    async readAll(pageSize, limit = Infinity) {
      let after = 0n;
      let read = 0;
      while (read < limit) {
        const batch = await readMessagesBatch(reader.execute, { after, batchSize: pageSize });
        read += batch.messages.length;
        if (batch.messages.length === 0) break;
        after = batch.currentGlobalPosition;
      }
      return read;
    },
    close: async () => {
      await store.close();
      await reader.close();
      await pool.end().catch(() => undefined);
    },
  };
}
