import { Prisma } from "@/lib/generated/prisma/client";
import type { EventRegistry } from "./registry";
import { EVENT_COLUMNS, type EventRow, type Queryable, toRecordedEvents } from "./rows";
import type { RecordedEvent } from "./types";

export interface AccountEventFilter {
  /** Only events before this global position (keyset pagination, newest first). */
  before?: number;
  types?: string[];
  /** Stream kinds ("invoice") or stream ids ("invoice-123"). */
  streams?: string[];
  actorId?: string;
  source?: string;
  appVersion?: string;
  correlationId?: string;
  /** Business time (occurred_at), from inclusive, to exclusive. */
  from?: Date;
  to?: Date;
  limit: number;
}

/** One account's events across all its streams, newest first (index: account_id, global_position DESC). */
export async function readAccountEvents(
  db: Queryable,
  registry: EventRegistry,
  accountId: string,
  filter: AccountEventFilter,
): Promise<RecordedEvent[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`e.account_id = ${accountId}`];
  if (filter.before !== undefined) conditions.push(Prisma.sql`e.global_position < ${filter.before}`);
  if (filter.types?.length) conditions.push(Prisma.sql`e.event_type = ANY(${filter.types}::text[])`);
  if (filter.streams?.length) {
    const kinds = filter.streams.filter((s) => !s.includes("-"));
    const ids = filter.streams.filter((s) => s.includes("-"));
    conditions.push(Prisma.sql`(e.stream_type = ANY(${kinds}::text[]) OR e.stream_id = ANY(${ids}::text[]))`);
  }
  if (filter.actorId) conditions.push(Prisma.sql`e.metadata->'actor'->>'id' = ${filter.actorId}`);
  if (filter.source) conditions.push(Prisma.sql`e.metadata->>'source' = ${filter.source}`);
  if (filter.appVersion) conditions.push(Prisma.sql`e.app_version = ${filter.appVersion}`);
  if (filter.correlationId) conditions.push(Prisma.sql`e.correlation_id = ${filter.correlationId}`);
  if (filter.from) conditions.push(Prisma.sql`e.occurred_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(Prisma.sql`e.occurred_at < ${filter.to.toISOString()}::timestamptz`);
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM events e
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY e.global_position DESC
    LIMIT ${filter.limit}`;
  return toRecordedEvents(db, registry, rows);
}

/** Whether an account has any event: a customer account, or a prospect (a lead not yet converted). */
export async function accountHasEvents(db: Queryable, accountId: string): Promise<boolean> {
  const rows = await db.$queryRaw<
    { found: number }[]
  >`SELECT 1 AS found FROM events WHERE account_id = ${accountId} LIMIT 1`;
  return rows.length > 0;
}
