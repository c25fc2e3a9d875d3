import { aggregates } from "@/lib/domain";
import { type RecordedEvent, streamTypeOf, type VerificationReport } from "@/lib/event-store";
import { type StateAt, stateAt, stateAtVersion } from "@/lib/history/state-at";
import { one, positiveInt, type QueryDeps, type SearchParams } from "./params";

export const STREAM_EVENTS_PER_PAGE = 50;

export interface StreamPage {
  streamId: string;
  kind: string;
  /** The account the stream belongs to (for a lead: its prospective account). */
  accountId: string;
  /** The stream's current version. */
  head: number;
  /** Stored events, newest version first: up to `at` when one is asked for, else from the head. */
  events: RecordedEvent[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  /** The stream's hash-chain check, for roles that may verify; null otherwise. */
  chain: VerificationReport | null;
  /** The state now, and (for `?at=<version>`) after that version. */
  now: StateAt;
  at: StateAt | null;
  /** Values in the URL that name nothing (shown, and left out). */
  problems: string[];
}

/** The kind of an existing aggregate stream, or null for a malformed id or a kind that has no aggregate. */
function kindOf(streamId: string): string | null {
  try {
    const kind = streamTypeOf(streamId);
    return Object.hasOwn(aggregates, kind) ? kind : null;
  } catch {
    return null;
  }
}

/**
 * The raw stream: a page of its stored events (version, position, hashes,
 * data, metadata), its state now or at a version, and (for those who may
 * verify) its hash chain. Null when no such stream exists.
 */
export async function readStreamPage(
  deps: QueryDeps,
  streamId: string,
  params: SearchParams,
  { verify }: { verify: boolean },
): Promise<StreamPage | null> {
  const kind = kindOf(streamId);
  if (!kind) return null;
  const head = await deps.store.streamVersion(streamId);
  if (head === 0) return null;

  const problems: string[] = [];
  const askedAt = one(params.at);
  let atVersion = positiveInt(askedAt);
  if (askedAt !== undefined && (atVersion === undefined || atVersion > head)) {
    problems.push(`There is no version “${askedAt}” of ${streamId}: its versions are 1 to ${head}.`);
    atVersion = undefined;
  }
  const before = positiveInt(params.before);
  const top = Math.min(before !== undefined ? before - 1 : (atVersion ?? head), atVersion ?? head, head);
  const from = Math.max(1, top - STREAM_EVENTS_PER_PAGE + 1);

  const [stored, chain, now, at] = await Promise.all([
    top >= 1 ? deps.store.readStream(streamId, { fromVersion: from, toVersion: top }) : [],
    verify ? deps.store.verifyStream(streamId) : null,
    stateAt(deps.store, streamId),
    atVersion !== undefined ? stateAtVersion(deps.store, streamId, atVersion) : null,
  ]);
  const accountId =
    stored[0]?.accountId ?? (await deps.store.readStream(streamId, { toVersion: 1 }))[0]?.accountId ?? "";
  return {
    streamId,
    kind,
    accountId,
    head,
    events: stored.reverse(),
    nextBefore: from > 1 ? from : null,
    chain,
    now,
    at,
    problems,
  };
}
