import type { Actor, EventStore, RecordedEvent, Source } from "@/lib/event-store";
import type { TimelineQuery } from "./query";
import { actorLabel, describeEvent } from "./summaries";

export interface TimelineItem {
  position: number;
  eventId: string;
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  actorLabel: string;
  source: Source;
  /** One sentence: who did what. */
  summary: string;
  requestId: string;
  correlationId: string;
  causationId: string | null;
  idempotencyKey: string | null;
  reason: string | null;
  appVersion: string;
  data: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export function toTimelineItem(event: RecordedEvent): TimelineItem {
  const { metadata } = event;
  return {
    position: event.position,
    eventId: event.eventId,
    streamId: event.streamId,
    streamType: event.streamType,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    actor: metadata.actor,
    actorLabel: actorLabel(metadata.actor),
    source: metadata.source,
    summary: describeEvent(event),
    requestId: metadata.requestId,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    idempotencyKey: metadata.idempotencyKey,
    reason: metadata.reason,
    appVersion: metadata.appVersion,
    data: event.data,
  };
}

/** An account's history across its streams, newest first, filtered and paged by position. */
export async function readAccountTimeline(
  store: EventStore,
  accountId: string,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const events = await store.readAccountEvents(accountId, {
    before: query.cursor,
    types: query.types,
    streams: query.streams,
    actorId: query.actor,
    source: query.source,
    appVersion: query.appVersion,
    correlationId: query.correlationId,
    from: query.from,
    to: query.to,
    limit: query.limit + 1,
  });
  const page = events.slice(0, query.limit);
  const more = events.length > query.limit;
  return { items: page.map(toTimelineItem), nextCursor: more ? String(page.at(-1)!.position) : null };
}
