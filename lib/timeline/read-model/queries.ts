import type { Database } from "@/lib/db/types";
import type { Actor } from "@/lib/event-store";
import type { Prisma, RmTimeline } from "@/lib/generated/prisma/client";
import type { Changes } from "./changes";

export interface TimelineEntry {
  position: number;
  accountId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  actorLabel: string;
  source: string;
  /** One sentence: who did what. */
  summary: string;
  correlationId: string;
  causationId: string | null;
  requestId: string;
  appVersion: string;
  reason: string | null;
  /** The key fields of the stream's aggregate this event changed. */
  changes: Changes;
}

export interface TimelineEntryPage {
  items: TimelineEntry[];
  /** Pass as `beforePosition` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

function toEntry(row: RmTimeline): TimelineEntry {
  return {
    position: Number(row.position),
    accountId: row.accountId,
    eventId: row.eventId,
    streamId: row.streamId,
    streamType: row.streamType,
    version: row.version,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    actor: row.actor as unknown as Actor,
    actorLabel: row.actorLabel,
    source: row.source,
    summary: row.summary,
    correlationId: row.correlationId,
    causationId: row.causationId,
    requestId: row.requestId,
    appVersion: row.appVersion,
    reason: row.reason,
    changes: row.changes as unknown as Changes,
  };
}

/** An account's events, newest (highest position) first, optionally only some event types or stream kinds. */
export async function listTimeline(
  db: Database,
  accountId: string,
  options: { limit: number; beforePosition?: number; types?: string[]; streamKinds?: string[] },
): Promise<TimelineEntryPage> {
  const { limit, beforePosition, types, streamKinds } = options;
  const where: Prisma.RmTimelineWhereInput = {
    accountId,
    ...(beforePosition !== undefined ? { position: { lt: beforePosition } } : {}),
    ...(types?.length ? { type: { in: types } } : {}),
    ...(streamKinds?.length ? { streamType: { in: streamKinds } } : {}),
  };
  const rows = await db.prisma.rmTimeline.findMany({ where, orderBy: { position: "desc" }, take: limit + 1 });
  const page = rows.slice(0, limit).map(toEntry);
  return { items: page, nextCursor: rows.length > limit ? (page.at(-1)?.position ?? null) : null };
}

export async function getTimelineEntry(db: Database, position: number): Promise<TimelineEntry | null> {
  const row = await db.prisma.rmTimeline.findUnique({ where: { position } });
  return row ? toEntry(row) : null;
}
