import type { ValidationIssue } from "@/lib/event-store";
import { type AccountAt, accountAt } from "@/lib/history/account-at";
import { type AggregateDiff, diffAggregates, type DiffCounts, diffFields, type FieldChange } from "@/lib/history/diff";
import { asOfPoint, type HistoryPoint, parsePoint } from "@/lib/history/points";
import { getPageRuntime } from "@/lib/server/page-reader";
import type { TimelineEntry } from "@/lib/timeline/entry";
import { readTimeline } from "@/lib/timeline/read";
import { countTimelineFacts, type FactsQuery, lastPositionRecordedBy } from "@/lib/timeline/read-model/queries";
import { one, type SearchParams } from "./params";

/** An account with thousands of invoices is counted whole, spelled out this many aggregates at a time. */
export const AGGREGATES_SHOWN = 100;

/** Two points of an account's history: the states at each, what changed between them, and the events between. */
export interface Between {
  from: HistoryPoint | null;
  to: HistoryPoint | null;
  fromAt: AccountAt;
  toAt: AccountAt;
  /** The header's figures (plan, seats, MRR, balance...) between the two points. */
  headerChanges: FieldChange[];
  /** The aggregates to show field by field (at most `aggregates` of them), and how many differ in all. */
  diffs: AggregateDiff[];
  diffCounts: DiffCounts;
  /** The events after `from` up to `to`, oldest first (at most `limit`), and how many there are in all. */
  events: TimelineEntry[];
  eventCount: number;
  problems: ValidationIssue[];
}

/** The timeline range a point bounds: a position, a business time (effective) or what was recorded by a time. */
async function bound(accountId: string, point: HistoryPoint): Promise<{ position?: number; time?: Date }> {
  if (point.kind === "position") return { position: point.position };
  if (point.axis === "effective") return { time: point.time };
  const { db } = await getPageRuntime();
  return { position: await lastPositionRecordedBy(db, accountId, point.time) };
}

function readPoint(value: string | undefined, axis: string | undefined, name: string, problems: ValidationIssue[]) {
  if (!value) return null;
  try {
    return parsePoint(value, axis, name);
  } catch {
    problems.push({ path: name, message: "must be a global position or an ISO-8601 time" });
    return null;
  }
}

/**
 * An account between two points (`from` missing: before its first event;
 * `to` missing: now): every aggregate at each, folded from the log, the
 * field-by-field diff, and the events between them.
 */
export async function readBetween(
  accountId: string,
  params: SearchParams,
  {
    limit = 50,
    unchanged = false,
    aggregates = AGGREGATES_SHOWN,
  }: { limit?: number; unchanged?: boolean; aggregates?: number } = {},
): Promise<Between> {
  const runtime = await getPageRuntime();
  const problems: ValidationIssue[] = [];
  const axis = one(params.axis);
  const from = readPoint(one(params.from), axis, "from", problems);
  const to = readPoint(one(params.to), axis, "to", problems);
  const now = { position: Number.MAX_SAFE_INTEGER };
  const [fromAt, toAt] = await Promise.all([
    accountAt(runtime.store, accountId, from ? asOfPoint(from) : { position: 0 }),
    accountAt(runtime.store, accountId, to ? asOfPoint(to) : now),
  ]);
  const query: Omit<FactsQuery, "limit"> = {};
  if (from) {
    const lower = await bound(accountId, from);
    if (lower.position !== undefined) query.afterPosition = lower.position;
    if (lower.time) query.from = new Date(lower.time.getTime() + 1);
  }
  if (to) {
    const upper = await bound(accountId, to);
    if (upper.position !== undefined) query.upToPosition = upper.position;
    if (upper.time) query.to = new Date(upper.time.getTime() + 1);
  }
  const [page, eventCount] = await Promise.all([
    readTimeline(runtime, { accountId }, { ...query, limit, order: "asc" }),
    countTimelineFacts(runtime.db, { accountId }, query),
  ]);
  const { diffs, counts: diffCounts } = diffAggregates(fromAt.aggregates, toAt.aggregates, {
    unchanged,
    limit: aggregates,
  });
  return {
    from,
    to,
    fromAt,
    toAt,
    headerChanges: diffFields(fromAt.header, toAt.header, { unchanged }),
    diffs,
    diffCounts,
    events: page.entries,
    eventCount,
    problems,
  };
}
