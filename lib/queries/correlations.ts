import type { EventStore } from "@/lib/event-store";
import { buildCausationTree, type CommandNode, commandsOf } from "@/lib/timeline/causation";
import { readTimeline, type TimelineDeps } from "@/lib/timeline/read";
import { actorLabel } from "@/lib/timeline/renderers";

/** A story is shown whole up to this many events (one request rarely causes more than a handful). */
export const CORRELATION_LIMIT = 500;

/** A request answered from an earlier request's stored result: it appended nothing itself. */
export interface ReplayedRequest {
  /** The request whose result answered it. */
  originalRequestId: string;
  replayedAt: string;
  source: string;
  actorLabel: string;
  accountId: string;
}

export interface CorrelationPage {
  id: string;
  /** The commands that started the story (usually one), each with everything it caused. */
  roots: CommandNode[];
  events: number;
  commands: number;
  /** Every account the story touched, in the order first touched. */
  accountIds: string[];
  /** More than CORRELATION_LIMIT events: the rest are left out. */
  truncated: boolean;
  /** When `id` is one follow-up's request id: the correlation id of the whole story it belongs to. */
  partOf: string | null;
  /** When `id` is the request id of a repeat. */
  replay: ReplayedRequest | null;
}

export interface CorrelationDeps extends TimelineDeps {
  store: TimelineDeps["store"] & Pick<EventStore, "readReplayByRequest">;
}

async function replayOf(deps: CorrelationDeps, requestId: string): Promise<ReplayedRequest | null> {
  const replay = await deps.store.readReplayByRequest(requestId);
  if (!replay) return null;
  // The log, not the read model: the original's request id is in the metadata of the events it appended.
  const [original] = await deps.store.readEventsAt([replay.firstPosition]);
  if (!original) return null;
  return {
    originalRequestId: original.metadata.requestId,
    replayedAt: replay.replayedAt.toISOString(),
    source: replay.source,
    actorLabel: actorLabel(replay.actor),
    accountId: replay.accountId,
  };
}

/**
 * What one correlation id (a request and everything our policies did because
 * of it) or one request id caused, as a causation tree across streams and
 * accounts; or, for a repeated request, which request answered it. Null when
 * the id names nothing.
 */
export async function readCorrelation(deps: CorrelationDeps, id: string): Promise<CorrelationPage | null> {
  const [page, replay] = await Promise.all([
    readTimeline(deps, { correlationId: id }, { limit: CORRELATION_LIMIT, order: "asc" }),
    replayOf(deps, id),
  ]);
  const { entries } = page;
  if (entries.length === 0 && !replay) return null;
  const roots = buildCausationTree(entries);
  const story = entries.find((e) => e.correlationId !== id)?.correlationId;
  return {
    id,
    roots,
    events: entries.length,
    commands: commandsOf(roots).length,
    accountIds: [...new Set(entries.map((e) => e.accountId))],
    truncated: page.nextCursor !== null,
    partOf: story && entries.every((e) => e.correlationId === story) ? story : null,
    replay,
  };
}
