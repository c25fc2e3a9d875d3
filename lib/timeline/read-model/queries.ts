import type { Database } from "@/lib/db/types";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** A timeline row as the driver returns it (db.raw: bigint as BigInt, timestamps as Date, jsonb parsed). */
interface FactsRow {
  position: bigint;
  account_id: string;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: number;
  occurred_at: Date;
  recorded_at: Date;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  source: string;
  request_id: string;
  correlation_id: string;
  causation_id: string | null;
  idempotency_key: string | null;
  command_type: string | null;
  app_version: string;
  reason: string | null;
  compensates: string | null;
  changes: unknown;
}

// The page's reads go straight through the driver: Prisma's query layer took about 5 ms of the 13 ms of CPU a
// first page cost (docs/benchmarks.md, B8), and a support desk reads timelines all day.
const FACTS = Prisma.sql`
  SELECT position, account_id, event_id, stream_id, stream_type, version, type, schema_version, occurred_at,
         recorded_at, actor_type, actor_id, actor_role, source, request_id, correlation_id, causation_id,
         idempotency_key, command_type, app_version, reason, compensates, changes
  FROM rm_timeline`;

function toFacts(row: FactsRow): TimelineFacts {
  return {
    position: Number(row.position),
    accountId: row.account_id,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: row.version,
    type: row.type,
    storedSchemaVersion: row.schema_version,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    source: row.source,
    requestId: row.request_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    idempotencyKey: row.idempotency_key,
    commandType: row.command_type,
    appVersion: row.app_version,
    reason: row.reason,
    compensates: row.compensates,
    changes: row.changes as Changes,
  };
}

const facts = async (db: Database, where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) =>
  (await db.raw.$queryRaw<FactsRow[]>`${FACTS} WHERE ${where} ${tail}`).map(toFacts);

function scopeWhere(scope: TimelineScope): Prisma.Sql {
  if ("accountId" in scope) return Prisma.sql`account_id = ${scope.accountId}`;
  if ("streamId" in scope) return Prisma.sql`stream_id = ${scope.streamId}`;
  return Prisma.sql`(correlation_id = ${scope.correlationId} OR request_id = ${scope.correlationId})`;
}

function filterWhere(query: Omit<FactsQuery, "limit">): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  // The cursor is the last position a page showed: the next lies below it newest first, above it oldest first.
  const asc = query.order === "asc";
  const below = asc ? undefined : query.cursor;
  const above = asc ? query.cursor : undefined;
  const upper = Math.min(below ?? Infinity, (query.upToPosition ?? Infinity) + 1);
  const lower = Math.max(above ?? -Infinity, query.afterPosition ?? -Infinity);
  if (Number.isFinite(upper)) and.push(Prisma.sql`position < ${upper}::bigint`);
  if (Number.isFinite(lower)) and.push(Prisma.sql`position > ${lower}::bigint`);
  if (query.types?.length) and.push(Prisma.sql`type = ANY(${query.types}::text[])`);
  if (query.streams?.length) {
    const kinds = query.streams.filter((s) => !s.includes("-"));
    const ids = query.streams.filter((s) => s.includes("-"));
    and.push(Prisma.sql`(stream_type = ANY(${kinds}::text[]) OR stream_id = ANY(${ids}::text[]))`);
  }
  if (query.actor) and.push(Prisma.sql`actor_id = ${query.actor}`);
  if (query.source) and.push(Prisma.sql`source = ${query.source}`);
  if (query.appVersion) and.push(Prisma.sql`app_version = ${query.appVersion}`);
  if (query.correlationId) and.push(Prisma.sql`correlation_id = ${query.correlationId}`);
  if (query.from) and.push(Prisma.sql`occurred_at >= ${query.from.toISOString()}::timestamptz`);
  if (query.to) and.push(Prisma.sql`occurred_at < ${query.to.toISOString()}::timestamptz`);
  return and;
}

const whereOf = (scope: TimelineScope, query: Omit<FactsQuery, "limit">) =>
  Prisma.join([scopeWhere(scope), ...filterWhere(query)], " AND ");

/** A page of facts, newest first unless asked otherwise; `more` when the scope has more past this page. */
export async function listTimelineFacts(
  db: Database,
  scope: TimelineScope,
  query: FactsQuery,
): Promise<{ facts: TimelineFacts[]; more: boolean }> {
  const order = Prisma.raw(query.order === "asc" ? "ASC" : "DESC");
  const rows = await facts(db, whereOf(scope, query), Prisma.sql`ORDER BY position ${order} LIMIT ${query.limit + 1}`);
  return { facts: rows.slice(0, query.limit), more: rows.length > query.limit };
}

/** How many events a scope has with these filters. */
export async function countTimelineFacts(db: Database, scope: TimelineScope, query: Omit<FactsQuery, "limit">) {
  const filtered = FILTER_NAMES.some((name) => query[name] !== undefined);
  if ("accountId" in scope && !filtered) {
    const counted = await countAccountRange(db, scope.accountId, query.afterPosition, query.upToPosition);
    if (counted !== null) return counted;
  }
  const [row] = await db.raw.$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM rm_timeline WHERE ${whereOf(scope, query)}`;
  return Number(row!.n);
}

/**
 * An account's rows in (after, upTo] from their ordinals: the last row at or
 * below each bound, two index probes. Null while the rows have no ordinals yet
 * (a timeline written before they existed, until it is rebuilt).
 */
async function countAccountRange(db: Database, accountId: string, after?: number, upTo?: number) {
  const [row] = await db.raw.$queryRaw<
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
  const rows = await db.raw.$queryRaw<unknown[]>`SELECT 1 FROM rm_timeline WHERE ${scopeWhere(scope)} LIMIT 1`;
  return rows.length > 0;
}

export async function getTimelineFacts(db: Database, position: number): Promise<TimelineFacts | null> {
  const [found] = await facts(db, Prisma.sql`position = ${position}::bigint`);
  return found ?? null;
}

/** Facts by event id (the events a page's entries compensate, or an invoice line came from). */
export async function factsByEventIds(db: Database, eventIds: readonly string[]): Promise<TimelineFacts[]> {
  if (eventIds.length === 0) return [];
  return facts(db, Prisma.sql`event_id = ANY(${[...eventIds]}::text[])`);
}

/** The events that name one of these as the event they compensate. */
export async function factsCompensating(db: Database, eventIds: readonly string[]): Promise<TimelineFacts[]> {
  if (eventIds.length === 0) return [];
  return facts(db, Prisma.sql`compensates = ANY(${[...eventIds]}::text[])`, Prisma.sql`ORDER BY position`);
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
