import { LRUCache } from "lru-cache";
import type { StreamHead } from "./heads";
import type { CurrentStream, Fold } from "./load";
import type { Prepared } from "./prepare-append";
import type { AppendResult } from "./types";

/**
 * A stream's state as this process last folded it, with the head it
 * describes: read from the database, or moved on by this process's own
 * appends. Only a starting point, never the truth: a load reads only the
 * events after it (and uses it only if it still holds, `stillHolds`), and a
 * decision made on it without a read has its append check that the head is
 * still this one (`Assumed`; ledgerline_append_all).
 */
export interface KeptFold {
  fold: Fold<unknown>;
  state: unknown;
  version: number;
  /** The hash of the event at `version`: another stream by the same id (a wiped database) has another. */
  hash: string | null;
  /** streams.erasures when folded: an erasure changes what the fold read without a new event here. */
  erasures: number;
  /** The newest snapshot in the database as far as this process knows (when to save the next one). */
  snapshotVersion: number;
}

/** A head a decision took for granted instead of reading it: its append writes nothing unless it still is. */
export interface Assumed {
  streamId: string;
  version: number;
  lastHash: string | null;
  erasures: number;
}

// Decided states are small (a subscription's is a few hundred bytes); a busy process keeps its hot streams.
export function createStateCache(max = 5_000) {
  return new LRUCache<string, KeptFold>({ max });
}

export type StateCache = ReturnType<typeof createStateCache>;

/** The kept fold of a stream, if it was folded with this fold (the decider's; other reads fold otherwise). */
export function keptFold(cache: StateCache, streamId: string, fold: Fold<unknown>): KeptFold | undefined {
  const kept = cache.get(streamId);
  return kept && kept.fold === fold ? kept : undefined;
}

export const assumedOf = (streamId: string, kept: KeptFold): Assumed => ({
  streamId,
  version: kept.version,
  lastHash: kept.hash,
  erasures: kept.erasures,
});

/**
 * Whether a fold kept at some version, with the events the load found after
 * it, is the stream's state: the event at its version is the one it folded,
 * no erasure reached the stream since, and none of the new events rewrites
 * the past (a supersession leaves out an event it folded; an erasure).
 */
export function stillHolds(kept: KeptFold, current: CurrentStream<unknown>, effectTypes: readonly string[]): boolean {
  return (
    current.keptHash === kept.hash &&
    current.erasures === kept.erasures &&
    !current.tail.some((event) => effectTypes.includes(event.type))
  );
}

/**
 * Moves a kept fold over this process's own append: its events are folded in
 * as a load would read them, when the fold described the head the append
 * chained from. Otherwise (another head, older schema data, an event that
 * rewrites the past) the fold is dropped and the next load reads.
 */
export function keepAppended(
  cache: StateCache,
  streamId: string,
  { prepared: events }: Prepared,
  base: StreamHead,
  head: StreamHead,
  result: AppendResult,
) {
  const kept = cache.get(streamId);
  if (!kept) return;
  const holds =
    kept.version === base.version &&
    kept.hash === base.lastHash &&
    events.every((event) => !event.definition.effect && event.schemaVersion === event.definition.schemaVersion);
  if (!holds) {
    cache.delete(streamId);
    return;
  }
  let state = kept.state;
  result.events.forEach((appended, i) => {
    const { type, data, schemaVersion } = events[i]!;
    state = kept.fold.evolve(state, {
      position: appended.position,
      version: appended.version,
      type,
      schemaVersion,
      data,
    });
  });
  cache.set(streamId, { ...kept, state, version: head.version, hash: head.lastHash });
}
