import { Prisma } from "@/lib/generated/prisma/client";
import { prepared } from "@/lib/db/raw-transaction";
import { notSuperseded } from "./effects";
import { asOfFilter } from "./read";
import type { EventRegistry } from "./registry";
import { type EventRow, type Queryable, readableData } from "./rows";
import { streamTypeOf } from "./stream-id";
import type { AsOf } from "./types";

/** Time travel keeps a stream's state at every HISTORY_EVERY-th version, so a state at any point folds fewer events. */
export const HISTORY_EVERY = 500;

/** What a fold reads of each event: its place, its times, and its data as readers see it (no metadata). */
export interface HistoryEvent {
  position: number;
  version: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  recordedAt: Date;
}

/** How to fold one kind of stream, and the version of its state's shape (a snapshot in another is ignored). */
export interface HistoryFold {
  initialState: () => unknown;
  evolve: (state: unknown, event: HistoryEvent) => unknown;
  stateVersion: number;
}

/**
 * States already folded at an earlier position (a kept answer that still
 * holds for the log): a stream found here folds on from it when it is nearer
 * than the stream's newest history snapshot. Position points only.
 */
export interface FoldedAt {
  position: number;
  states: ReadonlyMap<string, { version: number; state: unknown }>;
}

export interface StreamAt {
  streamId: string;
  streamType: string;
  /** The last version folded in (0: the stream had no event at that point). */
  version: number;
  state: unknown;
  /**
   * The last event folded in, or the snapshot's it started from (null as well
   * when it folded on from a FoldedAt state and found nothing new).
   */
  lastEvent: HistoryEvent | null;
}

type SnapshotRow = {
  stream_id: string;
  stream_version: number;
  global_position: bigint;
  max_occurred_at: Date;
  schema_version: number;
  state: unknown;
};

type HistoryRow = Pick<
  EventRow,
  | "global_position"
  | "stream_id"
  | "stream_version"
  | "event_type"
  | "schema_version"
  | "data"
  | "occurred_at"
  | "recorded_at"
>;

/** Where each stream's fold can start: its newest history snapshot wholly inside the point. */
async function snapshotsAt(db: Queryable, streamIds: string[], asOf: AsOf): Promise<Map<string, SnapshotRow>> {
  const inside =
    "position" in asOf
      ? Prisma.sql`global_position <= ${asOf.position}`
      : "time" in asOf
        ? Prisma.sql`recorded_at <= ${asOf.time.toISOString()}::timestamptz`
        : Prisma.sql`max_occurred_at <= ${asOf.effective.toISOString()}::timestamptz`;
  const rows = await db.$queryRaw<SnapshotRow[]>`
    SELECT DISTINCT ON (stream_id) stream_id, stream_version, global_position, max_occurred_at, schema_version, state
    FROM history_snapshots WHERE stream_id = ANY(${streamIds}::text[]) AND ${inside}
    ORDER BY stream_id, stream_version DESC`;
  return new Map(rows.map((row) => [row.stream_id, row]));
}

/**
 * The state of each stream at a point, folded by its kind's evolve: from the
 * newest history snapshot inside the point, then the events after it, all
 * streams' tails in one query. A fold that passes a multiple of HISTORY_EVERY
 * over an unbroken prefix of its stream leaves a snapshot there for next time.
 * With `folded`, a stream it knows folds on from there instead, where nearer.
 */
export async function loadStreamsAt(
  db: Queryable,
  registry: EventRegistry,
  streamIds: readonly string[],
  asOf: AsOf,
  foldOf: (streamType: string) => HistoryFold | undefined,
  folded?: FoldedAt,
): Promise<StreamAt[]> {
  if (streamIds.length === 0) return [];
  if (folded && !("position" in asOf && folded.position <= asOf.position)) {
    throw new Error("loadStreamsAt folds on from states at an earlier position only");
  }
  const ids = [...streamIds];
  const types = new Map(ids.map((id) => [id, streamTypeOf(id)]));
  const foldStart = await foldStartOf(db);
  const snapshots = await snapshotsAt(db, ids, asOf);
  const usable = (id: string) => {
    const snapshot = snapshots.get(id);
    const fold = foldOf(types.get(id)!);
    return snapshot && fold && snapshot.schema_version === fold.stateVersion ? snapshot : undefined;
  };
  // Where each fold starts: the folded state where it is nearer than the snapshot, else the snapshot, else nothing.
  const starts = ids.map((id) => {
    const snapshot = usable(id);
    const known = folded?.states.get(id);
    if (known && (!snapshot || Number(snapshot.global_position) <= folded!.position)) {
      return { version: known.version, position: folded!.position, state: known.state, snapshot: false };
    }
    if (snapshot) {
      const position = Number(snapshot.global_position);
      return { version: snapshot.stream_version, position, state: snapshot.state, snapshot: true };
    }
    return null;
  });
  // A snapshot's own event is read too (not folded again): it is the stream's last event when nothing follows.
  const from = starts.map((start) => (start ? start.version - (start.snapshot ? 1 : 0) : 0));
  // A stream's positions rise with its versions, so its tail after the start is a range of
  // (stream, position): one index probe a stream (LATERAL keeps the planner from scanning the log instead).
  const fromPosition = starts.map((start) => String(start ? start.position - (start.snapshot ? 1 : 0) : 0));
  const rows = await db.$queryRaw<HistoryRow[]>`
    SELECT e.* FROM unnest(${ids}::text[], ${from}::int[], ${fromPosition}::bigint[]) WITH ORDINALITY
      AS s(stream_id, after_version, after_position, n)
    CROSS JOIN LATERAL (
      SELECT e.global_position, e.stream_id, e.stream_version, e.event_type, e.schema_version, e.data,
             e.occurred_at, e.recorded_at
      FROM events e
      WHERE e.stream_id = s.stream_id AND e.global_position > s.after_position AND e.stream_version > s.after_version
        ${asOfFilter(asOf)} ${notSuperseded}
      ORDER BY e.global_position) e
    ORDER BY s.n, e.global_position`;
  const readable = await readableData(db, registry, rows);
  // Superseded versions are left out of the fold but not out of the unbroken prefix.
  const skipped = await supersededVersions(db, ids);
  const tails = new Map<string, HistoryEvent[]>();
  for (const [i, row] of rows.entries()) {
    const event: HistoryEvent = {
      position: Number(row.global_position),
      version: row.stream_version,
      type: row.event_type,
      data: readable[i]!,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
    };
    const tail = tails.get(row.stream_id);
    if (tail) tail.push(event);
    else tails.set(row.stream_id, [event]);
  }

  const result: StreamAt[] = [];
  const toSave: Prisma.Sql[] = [];
  for (const [index, streamId] of ids.entries()) {
    const streamType = types.get(streamId)!;
    const fold = foldOf(streamType);
    if (!fold) continue;
    const snapshot = usable(streamId);
    const start = starts[index];
    let state = start ? start.state : fold.initialState();
    let version = start?.version ?? 0;
    let maxOccurred = snapshot?.max_occurred_at.getTime() ?? 0;
    let lastEvent: HistoryEvent | null = null;
    for (const event of tails.get(streamId) ?? []) {
      if (event.version <= version) {
        lastEvent = event; // the snapshot's own
        continue;
      }
      // A skipped version (effective time leaves out what happened later) ends the unbroken prefix.
      let next = version + 1;
      while (skipped.has(`${streamId}:${next}`)) next++;
      const prefix = event.version === next;
      state = fold.evolve(state, event);
      version = event.version;
      lastEvent = event;
      maxOccurred = Math.max(maxOccurred, event.occurredAt.getTime());
      // A snapshot needs the greatest business time of its prefix: unknown when folding on from a FoldedAt state.
      const keeps = !start || start.snapshot;
      if (keeps && prefix && version % HISTORY_EVERY === 0 && version > (snapshot?.stream_version ?? 0)) {
        toSave.push(
          Prisma.sql`(${streamId}::text, ${version}::int, ${event.position}::bigint,
            ${event.recordedAt.toISOString()}::timestamptz, ${new Date(maxOccurred).toISOString()}::timestamptz,
            ${fold.stateVersion}::int, ${JSON.stringify(state)}::jsonb)`,
        );
      }
    }
    result.push({ streamId, streamType, version, state, lastEvent });
  }
  if (toSave.length > 0) await saveHistorySnapshots(db, toSave, foldStart);
  return result;
}

/** "<stream>:<version>" of every superseded event of these streams. */
async function supersededVersions(db: Queryable, streamIds: string[]): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT stream_id || ':' || stream_version AS key FROM superseded_events WHERE stream_id = ANY(${streamIds}::text[])`;
  return new Set(rows.map((row) => row.key));
}

/**
 * When a fold begins, for the erasure guard below: the start of the oldest
 * transaction still open, as an erasure in flight now may commit after the
 * fold has read its names (erased_at is its transaction's start). Truncated
 * to erased_at's milliseconds, which round.
 */
async function foldStartOf(db: Queryable): Promise<Date> {
  const [row] = await db.$queryRaw<{ start: Date }[]>`
    SELECT date_trunc('milliseconds', least(now(),
      (SELECT min(xact_start) FROM pg_stat_activity WHERE datname = current_database()))) AS start`;
  return row!.start;
}

/**
 * Keeps folded states, except for accounts erased since the fold began: it
 * may have read names the erasure has since deleted from every snapshot; and
 * likewise past an event superseded since then (it may have folded it in).
 */
async function saveHistorySnapshots(db: Queryable, rows: Prisma.Sql[], foldStart: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO history_snapshots (stream_id, stream_version, global_position, recorded_at, max_occurred_at,
                                   schema_version, state)
    SELECT * FROM (VALUES ${Prisma.join(rows)}) AS v(stream_id, stream_version, global_position, recorded_at,
                                                     max_occurred_at, schema_version, state)
    WHERE NOT EXISTS (
      SELECT 1 FROM personal_data p JOIN streams s ON s.account_id = p.account_id
      WHERE s.stream_id = v.stream_id AND p.erased_at >= ${foldStart.toISOString()}::timestamptz)
      AND NOT EXISTS (
      SELECT 1 FROM superseded_events x
      WHERE x.stream_id = v.stream_id AND x.stream_version <= v.stream_version
        AND x.superseded_at >= ${foldStart.toISOString()}::timestamptz)
    ON CONFLICT (stream_id, stream_version) DO UPDATE SET schema_version = EXCLUDED.schema_version,
      state = EXCLUDED.state WHERE history_snapshots.schema_version <> EXCLUDED.schema_version`;
}

/**
 * Every stream of an account (those a lead will open included), in the order
 * they began; with `upToPosition`, only those begun by then.
 */
export async function accountStreamIds(db: Queryable, accountId: string, upToPosition?: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ stream_id: string }[]>`
    SELECT stream_id FROM events
    WHERE account_id = ${accountId} AND stream_version = 1
      ${upToPosition === undefined ? Prisma.empty : Prisma.sql`AND global_position <= ${upToPosition}`}
    ORDER BY global_position`;
  return rows.map((row) => row.stream_id);
}

/** The account's streams with an event in (afterPosition, upToPosition], superseded or not. */
export async function accountStreamsChangedBetween(
  db: Queryable,
  accountId: string,
  afterPosition: number,
  upToPosition: number,
): Promise<string[]> {
  const rows = await db.$queryRaw<{ stream_id: string }[]>`
    SELECT DISTINCT stream_id FROM events
    WHERE account_id = ${accountId} AND global_position > ${afterPosition} AND global_position <= ${upToPosition}`;
  return rows.map((row) => row.stream_id);
}

/** An account's log as a fold about to read it finds it. */
export interface AccountLog {
  /**
   * Changes whenever anything an account's history reads could: an event of
   * the account committed (at any position: a late commit can land below one
   * already seen) or its personal data erased. Read before folding, it keys
   * folded states.
   */
  fingerprint: string;
  /** How many events the account's streams hold, and its newest event's position (0: none). */
  events: number;
  head: number;
  /** When its personal data was last erased ("" never). */
  erased: string;
  /**
   * For each position asked (an earlier `head`): how many of the account's
   * events lie past it, and whether one of them rewrote the past (an event
   * with an effect beside the log: a supersession, an erasure).
   */
  past: Map<number, { events: number; rewrites: boolean }>;
}

/**
 * The account's log in one statement (one snapshot): its fingerprint, and
 * what was appended past each of `heads`. When every event appended since an
 * earlier look lies past that look's head and none rewrote the past, what
 * was folded then at a position up to that head still holds.
 */
export async function accountLog(
  db: Queryable,
  registry: EventRegistry,
  accountId: string,
  heads: readonly number[] = [],
): Promise<AccountLog> {
  const [row] = await db.$queryRaw<
    {
      events: bigint | null;
      head: bigint | null;
      erased: Date | null;
      past: { head: number; events: number; rewrites: boolean | null }[] | null;
    }[]
  >(prepared`
    SELECT (SELECT sum(version) FROM streams WHERE account_id = ${accountId}) AS events,
           (SELECT max(global_position) FROM events WHERE account_id = ${accountId}) AS head,
           (SELECT max(erased_at) FROM personal_data WHERE account_id = ${accountId}) AS erased,
           (SELECT json_agg(json_build_object('head', h, 'events', p.events, 'rewrites', p.rewrites))
              FROM unnest(${heads.map(String)}::bigint[]) AS h
              CROSS JOIN LATERAL (
                SELECT count(*) AS events, bool_or(e.event_type = ANY(${[...registry.effectTypes]}::text[])) AS rewrites
                FROM events e WHERE e.account_id = ${accountId} AND e.global_position > h) p) AS past`);
  const events = Number(row?.events ?? 0);
  const erased = row?.erased ? String(row.erased.getTime()) : "";
  return {
    fingerprint: `${events}:${erased}`,
    events,
    head: Number(row?.head ?? 0),
    erased,
    past: new Map(
      (row?.past ?? []).map((p) => [Number(p.head), { events: Number(p.events), rewrites: p.rewrites === true }]),
    ),
  };
}
