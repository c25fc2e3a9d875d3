import { prepared as preparedStatement } from "@/lib/db/raw-transaction";
import type { Database } from "@/lib/db/types";
import { type AccountEventFilter, accountHasEvents, readAccountEvents } from "./account-events";
import { appendEvents, EVENTS_CHANNEL, prepareAppend, WRITE_TRANSACTION } from "./append";
import { appendBatch } from "./append-batch";
import { groupCommit } from "./group-commit";
import { createHeadCache, type StreamHead } from "./heads";
import type { Prepared } from "./prepare-append";
import {
  type Assumed,
  assumedOf,
  createStateCache,
  keepAppended,
  type KeptFold,
  keptFold,
  stillHolds,
} from "./state-cache";
export { EVENTS_CHANNEL } from "./append";
import { erasePersonalDataIn } from "./effects";
import { readHorizon } from "./horizon";
import { readSupersedeTarget, readSupersessions } from "./supersessions";
import { readIdempotentOutcome, recordIdempotentRejection } from "./idempotency";
import {
  accountLog,
  accountStreamIds,
  accountStreamsChangedBetween,
  type FoldedAt,
  type HistoryFold,
  loadStreamsAt,
} from "./history";
import { readAccountLog, readAll, readEventsAt, readStream } from "./read";
import { readReplayByRequest, readReplays, recordReplay, type ReplayRecord } from "./replays";
import type { Queryable } from "./rows";
import type { EventRegistry } from "./registry";
import { type CurrentStream, type Fold, loadCurrentStreams } from "./load";
export type { Fold } from "./load";
import { saveSnapshot, type SnapshotPolicy } from "./snapshots";
import { streamTypeOf } from "./stream-id";
import { type AccountSlice, readPersonalValues, readSliceRuns, readStoredRows, type VersionRange } from "./stored-rows";
import type { AppendOptions, AppendResult, AsOf, NewEvent, ReadStreamOptions } from "./types";
import { verifyAll, verifyStream } from "./verify";
import { coalescedSignal } from "./wake-signal";

export interface EventStoreOptions {
  registry: EventRegistry;
  /** Called after every append commits (in this process): wakes projections, counts metrics. */
  onAppended?: (result: AppendResult) => void;
  /** Stream types that keep snapshots, e.g. { subscription: { schemaVersion: 1, every: 50 } }. */
  snapshots?: Readonly<Record<string, SnapshotPolicy>>;
  /** Keep each stream's last fold, so the next load reads only what came after it (default true; state-cache.ts). */
  keepFolds?: boolean;
}

export interface LoadedAggregate<S> {
  state: S;
  /** Version of the last event folded in (0 for a stream with no events). */
  version: number;
  /** Version the load started from (0 without a snapshot). */
  snapshotVersion: number;
}

/**
 * Where a command's load may start (state-cache.ts): `kept`, from this
 * process's last fold of each stream, reading only what came after it;
 * `assume` (implies `kept`), from the kept folds unread, their heads added
 * to it for the append to check. Other reads fold what is stored.
 */
export interface FromKept {
  kept?: boolean;
  assume?: Assumed[];
}

export type EventStore = ReturnType<typeof createEventStore>;

/** The only code that writes the events table. */
export function createEventStore(
  db: Database,
  { registry, snapshots = {}, onAppended, keepFolds = true }: EventStoreOptions,
) {
  const prisma = db.prisma;
  const heads = createHeadCache();
  // Appends that arrive while another is written share its next statement (group-commit.ts).
  const writes = { raw: db.raw, prisma, statements: groupCommit(db.raw) };
  // Decided states kept between loads (state-cache.ts); off where a load must read the whole stream (benchmarks).
  const folds = keepFolds ? createStateCache() : null;
  // Other processes' runners LISTEN on a server; the embedded database has no other process.
  const wakeOthers =
    db.kind === "server"
      ? coalescedSignal(() =>
          db.raw.$queryRaw(preparedStatement`SELECT pg_notify(${EVENTS_CHANNEL}, '')`).catch((error: Error) => {
            // The database was closed after the last append (shutdown, a test's end): nobody left to wake.
            if (!/after calling end/.test(error.message)) throw error;
          }),
        )
      : null;

  /** This process's own append moves the stream's kept fold with it (state-cache.ts). */
  const keep = (streamId: string, prepared: Prepared, base: StreamHead, head: StreamHead, result: AppendResult) => {
    if (folds) keepAppended(folds, streamId, prepared, base, head, result);
  };

  async function loadAggregate<S>(
    streamId: string,
    fold: Fold<S>,
    options: { asOf?: AsOf; toVersion?: number } & FromKept = {},
  ): Promise<LoadedAggregate<S>> {
    // Time travel replays from the start; superseded events are left out of every fold (decision 5).
    if (options.asOf || options.toVersion !== undefined) {
      const events = await readStream(prisma, registry, streamId, { ...options, withoutSuperseded: true });
      const state = events.reduce(fold.evolve, fold.initialState());
      return { state, version: events.at(-1)?.version ?? 0, snapshotVersion: 0 };
    }
    const [loaded] = await loadAggregates([{ streamId, fold: fold as Fold<unknown> }], options);
    return loaded as LoadedAggregate<S>;
  }

  /**
   * Streams as they are now, read in one query (a command's target and what
   * its rules read), from their snapshots; with `kept` (commands), from the
   * fold this process kept of each where it still holds. Given `assume`, a
   * caller whose append will check them (appendAll's `assumed`) gets the
   * kept folds without a read, their heads added to `assume`, when every
   * stream has one and none owes a snapshot (the snapshot is saved from a
   * read). Every read refreshes the kept folds.
   */
  async function loadAggregates(
    targets: readonly { streamId: string; fold: Fold<unknown> }[],
    { assume, kept: fromKept = assume !== undefined }: FromKept = {},
  ): Promise<LoadedAggregate<unknown>[]> {
    const streams = targets.map(({ streamId, fold }) => {
      const kept = folds && fromKept ? keptFold(folds, streamId, fold) : undefined;
      return { streamId, policy: snapshots[streamTypeOf(streamId)], kept, after: kept ? kept.version : undefined };
    });
    const unread = streams.every(
      ({ kept, policy }) => kept && !(policy && kept.version - kept.snapshotVersion >= policy.every),
    );
    if (assume && unread) {
      return streams.map(({ streamId, kept }) => {
        assume.push(assumedOf(streamId, kept!));
        return { state: kept!.state, version: kept!.version, snapshotVersion: kept!.version };
      });
    }
    const loaded = await loadCurrentStreams(db.raw, registry, streams);
    // A kept fold that no longer holds (an erasure, a supersession, another stream by its id): read from the start.
    const stale = streams.flatMap((s, i) =>
      s.kept && !stillHolds(s.kept, loaded[i]!, registry.effectTypes) ? [i] : [],
    );
    if (stale.length > 0) {
      const again = await loadCurrentStreams(
        db.raw,
        registry,
        stale.map((i) => ({ streamId: streams[i]!.streamId, policy: streams[i]!.policy })),
      );
      stale.forEach((i, j) => {
        loaded[i] = again[j]!;
        streams[i]!.kept = undefined;
      });
    }
    return Promise.all(
      targets.map((t, i) => foldCurrent(t.streamId, t.fold, streams[i]!.policy, streams[i]!.kept, loaded[i]!)),
    );
  }

  async function foldCurrent<S>(
    streamId: string,
    fold: Fold<S>,
    policy: SnapshotPolicy | undefined,
    kept: KeptFold | undefined,
    { head, snapshot, tail, erasures }: CurrentStream<S>,
  ): Promise<LoadedAggregate<S>> {
    // What a command loads it appends to next: the head it read (also "no stream yet") spares the append a read.
    heads.set(streamId, head);
    const from = kept ? kept.version : (snapshot?.streamVersion ?? 0);
    let state = kept ? (kept.state as S) : (snapshot?.state ?? fold.initialState());
    for (const event of tail) state = fold.evolve(state, event);
    const version = tail.at(-1)?.version ?? from;
    let snapshotVersion = kept ? kept.snapshotVersion : from;
    if (policy && version - snapshotVersion >= policy.every) {
      await saveSnapshot(prisma, streamId, streamTypeOf(streamId), policy, version, state);
      snapshotVersion = version;
    }
    if (folds && version > 0 && version === head.version) {
      folds.set(streamId, {
        fold: fold as Fold<unknown>,
        state,
        version,
        hash: head.lastHash,
        erasures,
        snapshotVersion,
      });
    }
    return { state, version, snapshotVersion: from };
  }

  return {
    registry,

    /** Appends atomically; see AppendOptions for concurrency and idempotency. */
    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      const prepared = prepareAppend(registry, streamId, events, options);
      const result = await appendEvents(writes, heads, streamId, prepared, options, (base, head, appended) =>
        keep(streamId, prepared, base, head, appended),
      );
      if (!result.replayed) {
        wakeOthers?.signal();
        onAppended?.(result);
      }
      return result;
    },

    /**
     * Appends to several streams in one statement, all or nothing (a command
     * and the follow-ups that must hold with it). Throws BatchRefused, with
     * nothing written, when any part does not hold; appended apart, each part
     * would answer for itself. With `assumed` (heads a decision took from
     * loadAggregates without reading), it writes nothing unless each still
     * is the stream's head (BatchRefused, reason "assumed").
     */
    async appendAll(
      items: readonly { streamId: string; events: NewEvent[]; options: AppendOptions }[],
      { assumed }: { assumed?: readonly Assumed[] } = {},
    ) {
      const prepared = items.map(({ streamId, events, options }) => ({
        streamId,
        options,
        prepared: prepareAppend(registry, streamId, events, options),
      }));
      const results = await appendBatch(writes, heads, prepared, {
        assumed,
        written: (i, base, head, appended) => keep(prepared[i]!.streamId, prepared[i]!.prepared, base, head, appended),
      });
      wakeOthers?.signal();
      for (const result of results) onAppended?.(result);
      return results;
    },

    /**
     * The outcome of an earlier request with this key: its append result, or
     * (thrown) its rejection; null when the key is unused. See idempotency.ts.
     */
    findIdempotentResult: (key: string, requestHash: string) => readIdempotentOutcome(db.raw, key, requestHash),

    /** Makes a rejected request's answer the one its repeats get. */
    recordIdempotentRejection: (key: string, requestHash: string, rejection: unknown) =>
      recordIdempotentRejection(prisma, key, requestHash, rejection),

    /**
     * Puts on record that a request was answered from an earlier request's
     * stored result (same idempotency key): nothing is appended.
     */
    recordReplay: (earlier: AppendResult, replay: ReplayRecord) => recordReplay(prisma, earlier, replay),
    readReplays: (accountId: string, low: number, high: number) => readReplays(prisma, accountId, low, high),
    readReplayByRequest: (requestId: string) => readReplayByRequest(prisma, requestId),

    readStream: (streamId: string, options?: ReadStreamOptions) => readStream(prisma, registry, streamId, options),
    readEventsAt: (positions: readonly number[]) => readEventsAt(prisma, registry, positions),
    /** Several streams' states at one point (time travel); see history.ts. */
    loadStreamsAt: (
      streamIds: readonly string[],
      asOf: AsOf,
      foldOf: (streamType: string) => HistoryFold | undefined,
      folded?: FoldedAt,
    ) => loadStreamsAt(db.raw, registry, streamIds, asOf, foldOf, folded),
    accountLog: (accountId: string, heads?: readonly number[]) => accountLog(db.raw, registry, accountId, heads),
    accountStreamIds: (accountId: string, upToPosition?: number) => accountStreamIds(db.raw, accountId, upToPosition),
    accountStreamsChangedBetween: (accountId: string, afterPosition: number, upToPosition: number) =>
      accountStreamsChangedBetween(db.raw, accountId, afterPosition, upToPosition),
    readAll: (options?: { after?: number; limit?: number }) => readAll(db.raw, registry, options),
    readHorizon: () => readHorizon(prisma),
    readAccountEvents: (accountId: string, filter: AccountEventFilter) =>
      readAccountEvents(prisma, registry, accountId, filter),
    accountHasEvents: (accountId: string) => accountHasEvents(prisma, accountId),
    readAccountLog: (
      accountId: string,
      upTo: number,
      db: Queryable = prisma,
      options: { withoutSuperseded?: boolean } = {},
    ) => readAccountLog(db, registry, accountId, upTo, options),
    /** The streams a slice of an account's log touches, each with its first and last version in it and its head. */
    readSliceRuns: (slice: AccountSlice) => readSliceRuns(prisma, slice),
    /** The raw stored rows (as hashed) of these streams between versions; see stored-rows.ts. */
    readStoredRows: (ranges: readonly VersionRange[], slice: AccountSlice) => readStoredRows(prisma, ranges, slice),
    readPersonalValues: (ids: readonly string[]) => readPersonalValues(prisma, ids),
    verifyStream: (streamId: string) => verifyStream(prisma, streamId),
    verifyAll: (pageSize?: number) => verifyAll(prisma, pageSize),
    loadAggregate,
    loadAggregates,

    /** The stream's current version (0 when it has no events). */
    async streamVersion(streamId: string): Promise<number> {
      const [row] = await prisma.$queryRaw<{ version: number }[]>`
        SELECT version FROM streams WHERE stream_id = ${streamId}`;
      return row?.version ?? 0;
    },

    /**
     * Erases an account's names and emails (a GDPR request) outside any
     * event: the PersonalDataErased event does the same in its own append's
     * transaction (effects.ts), which is how the app erases.
     */
    erasePersonalData: (accountId: string): Promise<number> =>
      prisma.$transaction((tx) => erasePersonalDataIn(tx, accountId), WRITE_TRANSACTION),

    /** The event at a position, and the supersession that names it, if any (SupersedeEvent's target). */
    readSupersedeTarget: (position: number) => readSupersedeTarget(prisma, position),
    /** Of these positions, the superseded ones, each with the position of the EventSuperseded naming it. */
    readSupersessions: (positions: readonly number[]) => readSupersessions(prisma, positions),
  };
}
