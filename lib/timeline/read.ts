import type { Database } from "@/lib/db/types";
import type { EventStore, RecordedEvent, Replay, Source } from "@/lib/event-store";
import type { EventLink, ReplaySummary, Supersession, TimelineEntry, TimelinePage } from "./entry";
import {
  factsByEventIds,
  factsCompensating,
  type FactsQuery,
  getTimelineFacts,
  listTimelineFacts,
  type TimelineFacts,
  type TimelineScope,
} from "./read-model/queries";
import { actorLabel, renderSentence } from "./renderers";

/** What reading a timeline needs: the read model's database and the log (for data and replays). */
export interface TimelineDeps {
  db: Database;
  store: Pick<EventStore, "readEventsAt" | "readReplays" | "readSupersessions">;
}

const link = (facts: TimelineFacts): EventLink => ({
  eventId: facts.eventId,
  position: facts.position,
  accountId: facts.accountId,
  type: facts.type,
});

function replaySummary(facts: TimelineFacts, replays: readonly Replay[]): ReplaySummary | null {
  const repeats = replays.filter(
    (r) => r.streamId === facts.streamId && r.firstPosition <= facts.position && facts.position <= r.lastPosition,
  );
  if (repeats.length === 0) return null;
  return {
    sent: repeats.length + 1,
    repeats: repeats.map((r) => ({ at: r.replayedAt.toISOString(), source: r.source, requestId: r.requestId })),
  };
}

async function replaysFor(deps: TimelineDeps, facts: readonly TimelineFacts[]): Promise<Replay[]> {
  const byAccount = new Map<string, number[]>();
  for (const f of facts) byAccount.set(f.accountId, [...(byAccount.get(f.accountId) ?? []), f.position]);
  const found = await Promise.all(
    [...byAccount].map(([accountId, positions]) =>
      deps.store.readReplays(accountId, Math.min(...positions), Math.max(...positions)),
    ),
  );
  return found.flat();
}

/** Who superseded which of these positions, read from the log (the store keeps which are superseded). */
async function supersessionsFor(deps: TimelineDeps, facts: readonly TimelineFacts[]) {
  const by = await deps.store.readSupersessions(facts.map((f) => f.position));
  const events = await deps.store.readEventsAt([...new Set(by.values())]);
  const byPosition = new Map(events.map((e) => [e.position, e]));
  const result = new Map<number, Supersession>();
  for (const [position, superseder] of by) {
    const event = byPosition.get(superseder);
    if (!event) continue;
    result.set(position, {
      position: event.position,
      eventId: event.eventId,
      actorLabel: actorLabel(event.metadata.actor),
      reason: event.metadata.reason ?? null,
      at: event.recordedAt.toISOString(),
    });
  }
  return result;
}

/** Facts made into entries: each with its data from the log, its sentence, its links and its replays. */
export async function toEntries(deps: TimelineDeps, facts: readonly TimelineFacts[]): Promise<TimelineEntry[]> {
  if (facts.length === 0) return [];
  const [events, compensated, compensating, replays, supersessions] = await Promise.all([
    deps.store.readEventsAt(facts.map((f) => f.position)),
    factsByEventIds(deps.db, [...new Set(facts.flatMap((f) => (f.compensates ? [f.compensates] : [])))]),
    factsCompensating(
      deps.db,
      facts.map((f) => f.eventId),
    ),
    replaysFor(deps, facts),
    supersessionsFor(deps, facts),
  ]);
  const byPosition = new Map(events.map((e) => [e.position, e]));
  const byEventId = new Map(compensated.map((f) => [f.eventId, f]));
  return facts.flatMap((f) => {
    const event = byPosition.get(f.position);
    if (!event) return [];
    const target = f.compensates ? byEventId.get(f.compensates) : undefined;
    const compensates: EventLink | null = f.compensates
      ? target
        ? link(target)
        : { eventId: f.compensates, position: null, accountId: null, type: null }
      : null;
    return [
      toEntry(f, event, {
        compensates,
        compensatedBy: compensating.filter((c) => c.compensates === f.eventId).map(link),
        replays: replaySummary(f, replays),
        supersededBy: supersessions.get(f.position) ?? null,
      }),
    ];
  });
}

function toEntry(
  f: TimelineFacts,
  event: RecordedEvent,
  extra: Pick<TimelineEntry, "compensates" | "compensatedBy" | "replays" | "supersededBy">,
): TimelineEntry {
  const actor = event.metadata.actor;
  return {
    position: f.position,
    eventId: f.eventId,
    accountId: f.accountId,
    streamId: f.streamId,
    streamType: f.streamType,
    version: f.version,
    type: f.type,
    schemaVersion: event.schemaVersion,
    storedSchemaVersion: f.storedSchemaVersion,
    occurredAt: f.occurredAt,
    recordedAt: f.recordedAt,
    actor,
    actorLabel: actorLabel(actor),
    source: f.source as Source,
    sentence: renderSentence({ type: event.type, data: event.data, metadata: { actor } }),
    requestId: f.requestId,
    correlationId: f.correlationId,
    causationId: f.causationId,
    idempotencyKey: f.idempotencyKey,
    commandType: f.commandType,
    appVersion: f.appVersion,
    reason: f.reason,
    changes: f.changes,
    data: event.data,
    ...extra,
  };
}

/**
 * A page of a timeline (an account's, a stream's or a correlation's), filtered,
 * with the cursor to the next: the page's last position, passed back as
 * `cursor` with the same order (below it newest first, above it oldest first).
 */
export async function readTimeline(deps: TimelineDeps, scope: TimelineScope, query: FactsQuery): Promise<TimelinePage> {
  const { facts, more } = await listTimelineFacts(deps.db, scope, query);
  const entries = await toEntries(deps, facts);
  return { entries, nextCursor: more && facts.length > 0 ? String(facts.at(-1)!.position) : null };
}

export async function readTimelineEntry(deps: TimelineDeps, position: number): Promise<TimelineEntry | null> {
  const facts = await getTimelineFacts(deps.db, position);
  return facts ? ((await toEntries(deps, [facts]))[0] ?? null) : null;
}
