import type { Database } from "@/lib/db/types";
import type { Prisma, RmTimeline } from "@/lib/generated/prisma/client";
import { FILTER_NAMES, type TimelineFilters } from "../filters";
import type { Changes } from "./changes";

/** One timeline row as stored: an event's facts, without its data or sentence. */
export interface TimelineFacts {
  position: number;
  accountId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  storedSchemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actorType: string;
  actorId: string;
  actorRole: string | null;
  source: string;
  requestId: string;
  correlationId: string;
  causationId: string | null;
  idempotencyKey: string | null;
  commandType: string | null;
  appVersion: string;
  reason: string | null;
  compensates: string | null;
  changes: Changes;
}

/** Whose events: an account's, one stream's, or everything one correlation or request id touched. */
export type TimelineScope = { accountId: string } | { streamId: string } | { correlationId: string };

export interface FactsQuery extends TimelineFilters {
  limit: number;
  /** Newest first (default), or oldest first. */
  order?: "desc" | "asc";
  /** Only events after this position (exclusive) and up to that one (inclusive). */
  afterPosition?: number;
  upToPosition?: number;
}

function toFacts(row: RmTimeline): TimelineFacts {
  return {
    position: Number(row.position),
    accountId: row.accountId,
    eventId: row.eventId,
    streamId: row.streamId,
    streamType: row.streamType,
    version: row.version,
    type: row.type,
    storedSchemaVersion: row.schemaVersion,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorRole: row.actorRole,
    source: row.source,
    requestId: row.requestId,
    correlationId: row.correlationId,
    causationId: row.causationId,
    idempotencyKey: row.idempotencyKey,
    commandType: row.commandType,
    appVersion: row.appVersion,
    reason: row.reason,
    compensates: row.compensates,
    changes: row.changes as unknown as Changes,
  };
}

function scopeWhere(scope: TimelineScope): Prisma.RmTimelineWhereInput {
  if ("accountId" in scope) return { accountId: scope.accountId };
  if ("streamId" in scope) return { streamId: scope.streamId };
  return { OR: [{ correlationId: scope.correlationId }, { requestId: scope.correlationId }] };
}

function filterWhere(query: FactsQuery): Prisma.RmTimelineWhereInput[] {
  const and: Prisma.RmTimelineWhereInput[] = [];
  const position: Prisma.BigIntFilter = {};
  // The cursor is the last position a page showed: the next lies below it newest first, above it oldest first.
  const asc = query.order === "asc";
  const below = asc ? undefined : query.cursor;
  const above = asc ? query.cursor : undefined;
  const upper = Math.min(below ?? Infinity, (query.upToPosition ?? Infinity) + 1);
  const lower = Math.max(above ?? -Infinity, query.afterPosition ?? -Infinity);
  if (Number.isFinite(upper)) position.lt = upper;
  if (Number.isFinite(lower)) position.gt = lower;
  if (Object.keys(position).length > 0) and.push({ position });
  if (query.types?.length) and.push({ type: { in: query.types } });
  if (query.streams?.length) {
    const kinds = query.streams.filter((s) => !s.includes("-"));
    const ids = query.streams.filter((s) => s.includes("-"));
    and.push({ OR: [{ streamType: { in: kinds } }, { streamId: { in: ids } }] });
  }
  if (query.actor) and.push({ actorId: query.actor });
  if (query.source) and.push({ source: query.source });
  if (query.appVersion) and.push({ appVersion: query.appVersion });
  if (query.correlationId) and.push({ correlationId: query.correlationId });
  if (query.from || query.to) and.push({ occurredAt: { gte: query.from, lt: query.to } });
  return and;
}

/** A page of facts, newest first unless asked otherwise; `more` when the scope has more past this page. */
export async function listTimelineFacts(
  db: Database,
  scope: TimelineScope,
  query: FactsQuery,
): Promise<{ facts: TimelineFacts[]; more: boolean }> {
  const rows = await db.prisma.rmTimeline.findMany({
    where: { AND: [scopeWhere(scope), ...filterWhere(query)] },
    orderBy: { position: query.order ?? "desc" },
    take: query.limit + 1,
  });
  return { facts: rows.slice(0, query.limit).map(toFacts), more: rows.length > query.limit };
}

/** How many events a scope has with these filters. */
export async function countTimelineFacts(db: Database, scope: TimelineScope, query: Omit<FactsQuery, "limit">) {
  const filtered = FILTER_NAMES.some((name) => query[name] !== undefined);
  if ("accountId" in scope && !filtered) {
    const counted = await countAccountRange(db, scope.accountId, query.afterPosition, query.upToPosition);
    if (counted !== null) return counted;
  }
  return db.prisma.rmTimeline.count({ where: { AND: [scopeWhere(scope), ...filterWhere({ ...query, limit: 0 })] } });
}

/**
 * An account's rows in (after, upTo] from their ordinals: the last row at or
 * below each bound, two index probes. Null while the rows have no ordinals yet
 * (a timeline written before they existed, until it is rebuilt).
 */
async function countAccountRange(db: Database, accountId: string, after?: number, upTo?: number) {
  const [row] = await db.prisma.$queryRaw<
    { upper_found: boolean; upper: bigint | null; lower_found: boolean; lower: bigint | null }[]
  >`
    WITH upper AS (
      SELECT account_seq FROM rm_timeline WHERE account_id = ${accountId}
        AND position <= ${upTo ?? Number.MAX_SAFE_INTEGER}::bigint ORDER BY position DESC LIMIT 1),
    lower AS (
      SELECT account_seq FROM rm_timeline WHERE account_id = ${accountId}
        AND position <= ${after ?? 0}::bigint ORDER BY position DESC LIMIT 1)
    SELECT EXISTS (SELECT 1 FROM upper) AS upper_found, (SELECT account_seq FROM upper) AS upper,
           EXISTS (SELECT 1 FROM lower) AS lower_found, (SELECT account_seq FROM lower) AS lower`;
  if ((row!.upper_found && row!.upper === null) || (row!.lower_found && row!.lower === null)) return null;
  return Math.max(0, Number(row!.upper ?? 0) - Number(row!.lower ?? 0));
}

/** Whether any event in the scope is in the read model (e.g. a correlation or request id exists). */
export async function scopeHasFacts(db: Database, scope: TimelineScope): Promise<boolean> {
  return (await db.prisma.rmTimeline.findFirst({ where: scopeWhere(scope), select: { position: true } })) !== null;
}

export async function getTimelineFacts(db: Database, position: number): Promise<TimelineFacts | null> {
  const row = await db.prisma.rmTimeline.findUnique({ where: { position } });
  return row ? toFacts(row) : null;
}

/** Facts by event id (the events a page's entries compensate, or an invoice line came from). */
export async function factsByEventIds(db: Database, eventIds: readonly string[]): Promise<TimelineFacts[]> {
  if (eventIds.length === 0) return [];
  const rows = await db.prisma.rmTimeline.findMany({ where: { eventId: { in: [...eventIds] } } });
  return rows.map(toFacts);
}

/** The events that name one of these as the event they compensate. */
export async function factsCompensating(db: Database, eventIds: readonly string[]): Promise<TimelineFacts[]> {
  if (eventIds.length === 0) return [];
  const rows = await db.prisma.rmTimeline.findMany({
    where: { compensates: { in: [...eventIds] } },
    orderBy: { position: "asc" },
  });
  return rows.map(toFacts);
}

/** The account's last event recorded at or before a time (time travel "as recorded at"); 0 if none. */
export async function lastPositionRecordedBy(db: Database, accountId: string, time: Date): Promise<number> {
  const found = await db.prisma.rmTimeline.aggregate({
    where: { accountId, recordedAt: { lte: time } },
    _max: { position: true },
  });
  return Number(found._max.position ?? 0);
}

/**
 * The accounts a deployment wrote events to, with how many of each type (the
 * accounts with the most first); empty for an unknown version.
 */
export async function accountsWrittenBy(db: Database, appVersion: string, limit = 50) {
  const rows = await db.prisma.rmTimeline.groupBy({
    by: ["accountId", "type"],
    where: { appVersion },
    _count: { _all: true },
  });
  const accounts = new Map<string, { accountId: string; events: number; types: Record<string, number> }>();
  for (const row of rows) {
    const account = accounts.get(row.accountId) ?? { accountId: row.accountId, events: 0, types: {} };
    account.events += row._count._all;
    account.types[row.type] = row._count._all;
    accounts.set(row.accountId, account);
  }
  return [...accounts.values()]
    .sort((a, b) => b.events - a.events || a.accountId.localeCompare(b.accountId))
    .slice(0, limit);
}
