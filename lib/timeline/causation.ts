import type { Source } from "@/lib/event-store";
import type { ReplaySummary, TimelineEntry } from "./entry";

/** One command (one request id): what it appended, each event with what our policies did because of it. */
export interface CommandNode {
  requestId: string;
  /** "UpgradePlan"; null for events recorded before commands were named. */
  commandType: string | null;
  actorLabel: string;
  source: Source;
  /** When its first event occurred. */
  occurredAt: string;
  /** The event that caused this command (a policy's follow-up); null for a request from outside. */
  causationId: string | null;
  /** The accounts its events belong to (one, unless a command ever spans accounts). */
  accountIds: string[];
  /** Repeats of the request with the same idempotency key, answered from its stored result. */
  replays: ReplaySummary | null;
  events: EventNode[];
}

export interface EventNode {
  entry: TimelineEntry;
  /** Commands our policies issued because of this event, oldest first. */
  followUps: CommandNode[];
}

/** Entries grouped by request id, each group in position order, the groups ordered by their first position. */
function byRequest(entries: readonly TimelineEntry[]): TimelineEntry[][] {
  const groups = new Map<string, TimelineEntry[]>();
  for (const entry of [...entries].sort((a, b) => a.position - b.position)) {
    const group = groups.get(entry.requestId);
    if (group) group.push(entry);
    else groups.set(entry.requestId, [entry]);
  }
  return [...groups.values()];
}

/**
 * The causation tree of one story: its commands, each with its events, each
 * event with the commands caused by it (recursively). Roots are commands
 * whose cause is not among the entries: the request that started the story,
 * or, when a page shows one follow-up's request id, that follow-up.
 */
export function buildCausationTree(entries: readonly TimelineEntry[]): CommandNode[] {
  const groups = byRequest(entries);
  const positions = new Map(entries.map((e) => [e.eventId, e.position]));
  const causedBy = new Map<string, TimelineEntry[][]>();
  const roots: TimelineEntry[][] = [];
  for (const group of groups) {
    const cause = group.find((e) => e.causationId !== null)?.causationId ?? null;
    // A cause always precedes its effect in the log; requiring it keeps the tree free of loops.
    if (cause && (positions.get(cause) ?? Infinity) < group[0]!.position) {
      causedBy.set(cause, [...(causedBy.get(cause) ?? []), group]);
    } else {
      roots.push(group);
    }
  }
  const node = (group: TimelineEntry[]): CommandNode => {
    const first = group[0]!;
    return {
      requestId: first.requestId,
      commandType: first.commandType,
      actorLabel: first.actorLabel,
      source: first.source,
      occurredAt: first.occurredAt,
      causationId: first.causationId,
      accountIds: [...new Set(group.map((e) => e.accountId))],
      replays: group.find((e) => e.replays)?.replays ?? null,
      events: group.map((entry) => ({
        entry,
        followUps: (causedBy.get(entry.eventId) ?? []).map(node),
      })),
    };
  };
  return roots.map(node);
}

/** Every command in a tree, depth first. */
export function commandsOf(roots: readonly CommandNode[]): CommandNode[] {
  return roots.flatMap((c) => [c, ...commandsOf(c.events.flatMap((e) => e.followUps))]);
}
