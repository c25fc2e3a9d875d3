import { Prisma } from "@/lib/generated/prisma/client";
import { prepared } from "@/lib/db/raw-transaction";
import { NEW_STREAM, type StreamHead } from "./heads";
import type { EventRegistry } from "./registry";
import { type EventRow, type Queryable, readableData } from "./rows";
import type { SnapshotPolicy } from "./snapshots";
import type { RecordedEvent } from "./types";

/**
 * What a fold gets: the event's type, data (personal data resolved, upcast)
 * and place. Deciders evolve on type and data alone, and the other columns
 * (metadata, hashes, timestamps) cost several times more to read than these.
 */
export type FoldedEvent = Pick<RecordedEvent, "position" | "version" | "type" | "schemaVersion" | "data">;

/** How to fold a stream into state: the decider's evolve and initial state. */
export interface Fold<S> {
  initialState: () => S;
  evolve: (state: S, event: FoldedEvent) => S;
}

type LeanRow = Pick<EventRow, "global_position" | "stream_version" | "event_type" | "schema_version" | "data">;

interface LoadRow extends Partial<LeanRow> {
  /** The row's personal-data values by reference (types that declare personal fields only). */
  personal: Record<string, string | null> | null;
  /** On the first row only: the stream's head and snapshot, as one JSON value. */
  head: {
    version: number | null;
    lastHash: string | null;
    recordedAt: string | null;
    accountId: string | null;
    snapshotVersion: number | null;
    snapshotState: unknown;
    erasures: number | null;
    /** For a stream loaded after a kept fold: the hash of the event at the fold's version (null: none there). */
    keptHash?: string | null;
  } | null;
}

export interface CurrentStream<S> {
  /** The stream's head (NEW_STREAM-like when it has none). */
  head: StreamHead;
  snapshot: { streamVersion: number; state: S } | null;
  /** The events after the snapshot (or the kept fold), superseded ones left out (decision 5). */
  tail: FoldedEvent[];
  /** Erasures that reached the stream's personal data so far (streams.erasures). */
  erasures: number;
  /** Loaded after a kept fold (StreamToLoad.after): the hash of the event at its version, null if none is there. */
  keptHash?: string | null;
}

/** A stream to load, and the snapshot policy of its type (none: every load folds from the start). */
export interface StreamToLoad {
  streamId: string;
  policy: SnapshotPolicy | undefined;
  /**
   * A fold this process kept at this version (state-cache.ts): only the events
   * after it are read, instead of the snapshot and its tail, with what tells
   * whether the fold still holds (the hash at its version, the erasures).
   */
  after?: number;
}

/**
 * A stream as it is now, in one query: its head, its snapshot (when the
 * stream type keeps them, in the policy's schema version) and the events
 * after it. The snapshot's state comes on the first row only.
 */
export async function loadCurrent<S>(
  db: Queryable,
  registry: EventRegistry,
  streamId: string,
  policy: SnapshotPolicy | undefined,
): Promise<CurrentStream<S>> {
  const [current] = await loadCurrentStreams(db, registry, [{ streamId, policy }]);
  return current as CurrentStream<S>;
}

/**
 * Several streams as they are now, in one query (a command's target and the
 * account its rules read are one round trip, and one snapshot of the database).
 * Each stream's rows are the shape of a single load, one after the other.
 */
export async function loadCurrentStreams(
  db: Queryable,
  registry: EventRegistry,
  streams: readonly StreamToLoad[],
): Promise<CurrentStream<unknown>[]> {
  const branches = streams.map((stream, i) => streamBranch(i, stream, registry.personalTypes));
  const one = streams.length === 1;
  // The head and the snapshot as one JSON value on a first row of their own: repeated on every row
  // of a long tail they cost more to send and parse (a timestamp and a hash per row) than the
  // events, and as six columns they were six more fields to decode per row. A UNION rather than a
  // window over a join: the server read 5,000 events in 15 ms instead of 27 (no anti-join per
  // event, no second pass to number the rows).
  const rows = await db.$queryRaw<LoadRow[]>(prepared`
    WITH ${Prisma.join(
      branches.map((b) => b.snapshot),
      ", ",
    )}
    SELECT x.head, x.global_position, x.stream_version, x.event_type, x.schema_version, x.data, x.personal
    FROM (${Prisma.join(
      branches.map((b) => b.rows),
      " UNION ALL ",
    )}) x
    ${one ? Prisma.empty : Prisma.sql`ORDER BY x.ord, x.stream_version`}`);
  // One stream's rows are put in order here: sorted by the server, a 100,000-event load waited for a sort
  // that spilled to disk (~60 of its 140 ms) before its first row was sent. The rows come nearly in order
  // (an append-only table), which is the cheapest input for the engine's merge sort.
  if (one) rows.sort((a, b) => a.stream_version! - b.stream_version!);
  // Each stream's head row sorts first among its rows (version 0).
  const starts = rows.flatMap((row, i) => (row.head ? [i] : []));
  return Promise.all(
    starts.map((start, s) => currentOf(db, registry, rows[start]!.head!, rows.slice(start + 1, starts[s + 1]))),
  );
}

/** One stream's part of the load: its snapshot's CTE, and its head row followed by its events. */
function streamBranch(ord: number, { streamId, policy, after }: StreamToLoad, personalTypes: readonly string[]) {
  const snap = Prisma.raw(`snap${ord}`);
  // A kept fold stands in for the snapshot: the events after its version are read, and nothing else.
  const snapshot =
    after !== undefined
      ? Prisma.sql`${snap} AS (SELECT ${after}::integer AS stream_version, NULL::jsonb AS state)`
      : policy
        ? Prisma.sql`${snap} AS (SELECT stream_version, state FROM snapshots
                 WHERE stream_id = ${streamId} AND schema_version = ${policy.schemaVersion})`
        : Prisma.sql`${snap} AS (SELECT NULL::integer AS stream_version, NULL::jsonb AS state WHERE false)`;
  const kept =
    after !== undefined
      ? Prisma.sql`, 'keptHash', (SELECT k.hash FROM events k WHERE k.stream_id = ${streamId} AND k.stream_version = ${after}::integer)`
      : Prisma.empty;
  const rows = Prisma.sql`
      SELECT ${ord} AS ord, json_build_object('version', h.version, 'lastHash', h.last_hash,
          'recordedAt', h.updated_at, 'accountId', h.account_id, 'snapshotVersion', sn.stream_version,
          'snapshotState', sn.state, 'erasures', h.erasures ${kept}) AS head,
        NULL::bigint AS global_position, 0 AS stream_version, NULL::text AS event_type,
        NULL::integer AS schema_version, NULL::jsonb AS data, NULL::jsonb AS personal
      FROM (SELECT 1) AS one
      LEFT JOIN streams h ON h.stream_id = ${streamId}
      LEFT JOIN ${snap} sn ON true
      UNION ALL
      SELECT ${ord}, NULL,
        e.global_position, e.stream_version, e.event_type, e.schema_version, e.data,
        -- The personal data the event refers to, in the same query (an account's load was two statements);
        -- a function, so the planner does not cost a sub-select per event (and JIT-compile long loads).
        CASE WHEN e.event_type = ANY(${personalTypes}::text[]) THEN ledgerline_personal_values(e.data) END
      FROM events e
      WHERE e.stream_id = ${streamId} AND e.stream_version > coalesce((SELECT stream_version FROM ${snap}), 0)
        -- Superseded events are left out (decision 5): the stream's few, looked up once.
        AND e.global_position <> ALL(ARRAY(
          SELECT s.position FROM superseded_events s WHERE s.stream_id = ${streamId}))`;
  return { snapshot, rows };
}

async function currentOf(
  db: Queryable,
  registry: EventRegistry,
  first: NonNullable<LoadRow["head"]>,
  rows: LoadRow[],
): Promise<CurrentStream<unknown>> {
  const head: StreamHead =
    first.version === null
      ? NEW_STREAM
      : {
          version: first.version,
          lastHash: first.lastHash,
          recordedAt: new Date(first.recordedAt!),
          accountId: first.accountId,
        };
  const snapshotFound =
    first.snapshotVersion === null ? null : { streamVersion: first.snapshotVersion, state: first.snapshotState };
  const eventRows = rows as (LeanRow & Pick<LoadRow, "personal">)[];
  const known = new Map<string, string | null>();
  for (const row of eventRows) if (row.personal) for (const ref in row.personal) known.set(ref, row.personal[ref]!);
  const readable = await readableData(db, registry, eventRows, known);
  const tail = eventRows.map((row, i) => ({
    position: Number(row.global_position),
    version: row.stream_version,
    type: row.event_type,
    schemaVersion: registry.upcastVersion(row.event_type, row.schema_version),
    data: readable[i]!,
  }));
  const erasures = first.erasures ?? 0;
  return {
    head,
    snapshot: snapshotFound,
    tail,
    erasures,
    ...("keptHash" in first ? { keptHash: first.keptHash } : {}),
  };
}
