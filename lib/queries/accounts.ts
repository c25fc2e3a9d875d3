import { z } from "zod";
import { STREAM_KINDS } from "@/lib/domain";
import { ACCOUNT_SUMMARY } from "@/lib/projections/account-summary/projection";
import { getAccountSummary, listAccountSummaries } from "@/lib/projections/account-summary/queries";
import { ACCOUNT_TIMELINE } from "@/lib/projections/account-timeline/projection";
import { getTimelineEntry, listTimeline } from "@/lib/projections/account-timeline/queries";
import { unprojectedForAccount } from "@/lib/projections/read-after-write";
import { getRuntime } from "@/lib/server/runtime";

export const ACCOUNTS_PER_PAGE = 25;
export const TIMELINE_PER_PAGE = 50;

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// Page links are made by people and copied around: a malformed value is dropped, not an error page.
const ZListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(1000).optional().catch(undefined),
});

/** The accounts list: search by name, email or id, a page at a time (read model: account summary). */
export async function readAccountList(params: SearchParams) {
  const { q, after } = ZListQuery.parse({ q: one(params.q), after: one(params.after) });
  const { db } = await getRuntime();
  const page = await listAccountSummaries(db, { search: q || undefined, cursor: after, limit: ACCOUNTS_PER_PAGE });
  return { search: q ?? "", ...page };
}

const ZTimelineQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  stream: z.enum(STREAM_KINDS).optional().catch(undefined),
});

/**
 * One account's page: its summary, a page of its timeline (newest first,
 * optionally one kind of stream) and how many of its events each of the two
 * read models has not projected yet. Null when no such account exists.
 */
export async function readAccountPage(accountId: string, params: SearchParams) {
  const query = ZTimelineQuery.parse({ before: one(params.before), stream: one(params.stream) });
  const { db } = await getRuntime();
  const [account, timeline, pendingTimeline, pendingSummary] = await Promise.all([
    getAccountSummary(db, accountId),
    listTimeline(db, accountId, {
      limit: TIMELINE_PER_PAGE,
      beforePosition: query.before,
      streamKinds: query.stream ? [query.stream] : undefined,
    }),
    unprojectedForAccount(db.prisma, ACCOUNT_TIMELINE, accountId),
    unprojectedForAccount(db.prisma, ACCOUNT_SUMMARY, accountId),
  ]);
  const pending = { timeline: pendingTimeline, summary: pendingSummary };
  const exists = account || timeline.items.length > 0 || pending.timeline > 0 || query.before || query.stream;
  return exists ? { account, timeline, pending, query } : null;
}

/**
 * One event as stored (upcast to its current schema) with its timeline entry,
 * and, for those allowed to verify, its stream's hash-chain check. Null if
 * the position is not one of this account's events.
 */
export async function readAccountEvent(accountId: string, position: number, { verify }: { verify: boolean }) {
  const runtime = await getRuntime();
  const entry = await getTimelineEntry(runtime.db, position);
  if (!entry || entry.accountId !== accountId) return null;
  const [event] = await runtime.store.readStream(entry.streamId, {
    fromVersion: entry.version,
    toVersion: entry.version,
  });
  if (!event) return null;
  const chain = verify ? await runtime.store.verifyStream(entry.streamId) : null;
  return { entry, event, chain };
}
