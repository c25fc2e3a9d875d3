import { z } from "zod";
import { type AccountHeaderModel, headerFromSummary } from "@/lib/accounts/header";
import type { ValidationIssue } from "@/lib/event-store";
import { type AccountAt, accountAt } from "@/lib/history/account-at";
import { asOfPoint, type HistoryPoint, otherAxis, parsePoint } from "@/lib/history/points";
import { ACCOUNT_SUMMARY } from "@/lib/projections/account-summary/projection";
import { getAccountSummary, listAccountSummaries } from "@/lib/projections/account-summary/queries";
import { unprojectedForAccount } from "@/lib/projections/read-after-write";
import { getPageRuntime } from "@/lib/server/page-reader";
import type { TimelinePage } from "@/lib/timeline/entry";
import { FILTER_NAMES, readPageFilters, type TimelineFilters } from "@/lib/timeline/filters";
import { latestTimelinePosition } from "@/lib/timeline/live";
import { readTimeline, readTimelineEntry } from "@/lib/timeline/read";
import { ACCOUNT_TIMELINE } from "@/lib/timeline/read-model/projection";
import { countTimelineFacts, type FactsQuery, lastPositionRecordedBy } from "@/lib/timeline/read-model/queries";
import { one, type SearchParams } from "./params";

export const ACCOUNTS_PER_PAGE = 25;
export const TIMELINE_PER_PAGE = 50;

// Page links are made by people and copied around: a malformed value is dropped, not an error page.
const ZListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(1000).optional().catch(undefined),
});

/** The accounts list: search by name, email or id, a page at a time (read model: account summary). */
export async function readAccountList(params: SearchParams) {
  const { q, after } = ZListQuery.parse({ q: one(params.q), after: one(params.after) });
  const { db } = await getPageRuntime();
  const page = await listAccountSummaries(db, { search: q || undefined, cursor: after, limit: ACCOUNTS_PER_PAGE });
  return { search: q ?? "", ...page };
}

/** An active filter that empties the timeline on its own: without it, `count` events would show. */
export interface FilterCulprit {
  name: string;
  withoutIt: number;
}

/** The account page as of a point: the states, the other axis when it tells another story. */
export interface TimeTravel {
  point: HistoryPoint;
  at: AccountAt;
  /** The same time on the other axis, when the two differ (backdated facts). */
  other: { point: HistoryPoint; at: AccountAt } | null;
}

export interface AccountPage {
  accountId: string;
  /** Null for a prospect (a lead not converted yet) or before the read model has the account. */
  header: AccountHeaderModel | null;
  timeline: TimelinePage;
  filters: TimelineFilters;
  /** Filter values in the URL that were not understood (shown, and left out). */
  problems: ValidationIssue[];
  view: "grouped" | "flat";
  /** Events of this account the read models have not applied yet (now only). */
  pending: { timeline: number; summary: number };
  /** Set when the URL asks for a point in the past (`at`). */
  travel: TimeTravel | null;
  /** When the filtered timeline is empty: which filters caused it. */
  culprits: FilterCulprit[];
  /** The account's newest event in the timeline when the page was read (the live check asks what came after). */
  newestPosition: number;
}

/** Which part of the timeline a point shows: up to its position, or what occurred by its time. */
async function timelineUpTo(accountId: string, point: HistoryPoint): Promise<Partial<FactsQuery>> {
  if (point.kind === "position") return { upToPosition: point.position };
  if (point.axis === "effective") return { to: new Date(point.time.getTime() + 1) };
  const { db } = await getPageRuntime();
  return { upToPosition: await lastPositionRecordedBy(db, accountId, point.time) };
}

async function culpritsOf(accountId: string, query: FactsQuery): Promise<FilterCulprit[]> {
  const { db } = await getPageRuntime();
  const active = FILTER_NAMES.filter((name) => name !== "cursor" && query[name] !== undefined);
  const counts = await Promise.all(
    active.map((name) => countTimelineFacts(db, { accountId }, { ...query, [name]: undefined, cursor: undefined })),
  );
  return active.map((name, i) => ({ name, withoutIt: counts[i]! })).filter((c) => c.withoutIt > 0);
}

async function travelTo(accountId: string, point: HistoryPoint): Promise<TimeTravel> {
  const runtime = await getPageRuntime();
  const at = await accountAt(runtime.store, accountId, asOfPoint(point));
  const alternative = otherAxis(point);
  if (!alternative) return { point, at, other: null };
  const otherAt = await accountAt(runtime.store, accountId, asOfPoint(alternative));
  const same = JSON.stringify(otherAt.aggregates) === JSON.stringify(at.aggregates);
  return { point, at, other: same ? null : { point: alternative, at: otherAt } };
}

/**
 * One account's page: its header (now from the account summary, or as of a
 * point folded from the log), a filtered page of its timeline, and how far
 * the read models trail it. Null when no such account exists.
 */
export async function readAccountPage(accountId: string, params: SearchParams): Promise<AccountPage | null> {
  const runtime = await getPageRuntime();
  const { filters, problems } = readPageFilters(params);
  const view = one(params.view) === "flat" ? "flat" : "grouped";
  let point: HistoryPoint | null = null;
  const at = one(params.at);
  if (at) {
    try {
      point = parsePoint(at, one(params.axis));
    } catch {
      problems.push({ path: "at", message: "must be a global position or an ISO-8601 time" });
    }
  }
  const query: FactsQuery = {
    ...filters,
    limit: TIMELINE_PER_PAGE,
    ...(point ? await timelineUpTo(accountId, point) : {}),
  };
  if (point && filters.to && query.to && filters.to < query.to) query.to = filters.to;

  const [summary, timeline, travel, pendingTimeline, pendingSummary, newestPosition] = await Promise.all([
    getAccountSummary(runtime.db, accountId),
    readTimeline(runtime, { accountId }, query),
    point ? travelTo(accountId, point) : null,
    point ? 0 : unprojectedForAccount(runtime.db.raw, ACCOUNT_TIMELINE, accountId),
    point ? 0 : unprojectedForAccount(runtime.db.raw, ACCOUNT_SUMMARY, accountId),
    point ? 0 : latestTimelinePosition(runtime.db, accountId),
  ]);
  const exists =
    summary || timeline.entries.length > 0 || pendingTimeline > 0 || (await runtime.store.accountHasEvents(accountId));
  if (!exists) return null;
  const culprits = timeline.entries.length === 0 ? await culpritsOf(accountId, query) : [];
  return {
    accountId,
    header: travel ? travel.at.header : summary ? headerFromSummary(summary) : null,
    timeline,
    filters,
    problems,
    view,
    pending: { timeline: pendingTimeline, summary: pendingSummary },
    travel,
    culprits,
    newestPosition,
  };
}

/**
 * One event as stored (upcast to its current schema) with its timeline entry,
 * and, for those allowed to verify, its stream's hash-chain check. Null if
 * the position is not one of this account's events.
 */
export async function readAccountEvent(accountId: string, position: number, { verify }: { verify: boolean }) {
  const runtime = await getPageRuntime();
  const entry = await readTimelineEntry(runtime, position);
  if (!entry || entry.accountId !== accountId) return null;
  const [event] = await runtime.store.readEventsAt([position]);
  if (!event) return null;
  const chain = verify ? await runtime.store.verifyStream(entry.streamId) : null;
  return { entry, event, chain };
}
