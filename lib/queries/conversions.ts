import { z } from "zod";
import { BILLING_INTERVALS, PLAN_CODES } from "@/lib/domain/catalog/plans";
import { STANDARD_PRICE_LIST } from "@/lib/domain/pricelist/commands";
import type { PriceChange } from "@/lib/domain/pricelist/state";
import { instantMs, isAtOrBefore } from "@/lib/domain/shared/time";
import type { ValidationIssue } from "@/lib/event-store";
import { accountNames } from "@/lib/projections/account-summary/queries";
import {
  type ConversionFilter,
  listConversions,
  type TrialConversion,
  trialOutcomes,
} from "@/lib/projections/trial-conversions/queries";
import { getRuntime } from "@/lib/server/runtime";
import type { TimelineEntry } from "@/lib/timeline/entry";
import { readTimeline, type TimelineDeps } from "@/lib/timeline/read";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The page lists this many conversions and says how many more there are; the CSV holds them all. */
export const CONVERSIONS_PAGE_ROWS = 1000;
/** Rows read per query by the CSV export: the most it holds in memory at once. */
export const CONVERSIONS_BATCH = 500;
const PRICE_LIST = `pricelist-${STANDARD_PRICE_LIST}`;

const ZDay = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), "must be a date, e.g. 2026-06-01")
  .transform((v) => new Date(v));
const FILTERS = {
  from: ZDay,
  to: ZDay,
  plan: z.enum(PLAN_CODES),
  interval: z.enum(BILLING_INTERVALS),
} as const;

export interface ConversionFilters {
  from?: Date;
  to?: Date;
  plan?: (typeof PLAN_CODES)[number];
  interval?: (typeof BILLING_INTERVALS)[number];
}

/** A conversion with its account's name and the price change (if any) whose price it paid. */
export interface ConversionRow extends TrialConversion {
  accountName: string | null;
  /** The price change in effect when it converted, or null: the catalogue's list price. */
  priceChange: { effectiveFrom: string; position: number } | null;
}

/** The report's filters: each valid one applied, each invalid one reported and left out. */
export function readConversionFilters(params: SearchParams) {
  const filters: Record<string, unknown> = {};
  const problems: ValidationIssue[] = [];
  for (const [name, schema] of Object.entries(FILTERS)) {
    const value = one(params[name]);
    if (!value) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) filters[name] = parsed.data;
    else problems.push({ path: name, message: parsed.error.issues[0]?.message ?? "is not valid" });
  }
  return { filters: filters as ConversionFilters, problems };
}

/**
 * Which trials converted in a window, on which plan and at which price, next
 * to the price list's changes (who made them, why, from when): the price each
 * conversion paid is the one its TrialConverted event recorded. Every figure
 * counts the same window and filters as the rows.
 */
export async function readConversions(filters: ConversionFilters, deps?: TimelineDeps) {
  const rt = deps ?? (await getRuntime());
  const [conversions, outcomes, priceChanges] = await Promise.all([
    listConversions(rt.db, { ...filters, limit: CONVERSIONS_PAGE_ROWS }),
    trialOutcomes(rt.db, filters),
    readPriceChanges(rt),
  ]);
  const rows = await withPrices(rt, conversions, inEffectiveOrder(priceChanges));
  return { rows, outcomes, priceChanges, truncated: outcomes.converted > rows.length };
}

/** Every matching conversion, oldest first, a batch at a time (keyset paging: no cap, bounded memory). */
export async function* conversionBatches(
  filters: ConversionFilters,
  deps: TimelineDeps,
  batchSize = CONVERSIONS_BATCH,
): AsyncGenerator<ConversionRow[]> {
  const changes = inEffectiveOrder(await readPriceChanges(deps));
  let after: ConversionFilter["after"];
  for (;;) {
    const batch = await listConversions(deps.db, { ...filters, limit: batchSize, after });
    if (batch.length > 0) yield await withPrices(deps, batch, changes);
    if (batch.length < batchSize) return;
    const last = batch.at(-1)!;
    after = { convertedAt: last.convertedAt!, accountId: last.accountId };
  }
}

async function withPrices(deps: TimelineDeps, conversions: TrialConversion[], changes: readonly DatedChange[]) {
  const names = await accountNames(
    deps.db,
    conversions.map((c) => c.accountId),
  );
  return conversions.map((c): ConversionRow => ({
    ...c,
    accountName: names.get(c.accountId) ?? null,
    priceChange: changeInEffect(changes, c),
  }));
}

/** Every change on the price list, in recorded order; paged, as a price list has no size limit. */
async function readPriceChanges(deps: TimelineDeps): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (let afterPosition: number | undefined; ;) {
    const page = await readTimeline(deps, { streamId: PRICE_LIST }, { limit: 200, order: "asc", afterPosition });
    entries.push(...page.entries);
    if (page.nextCursor === null) return entries;
    afterPosition = Number(page.nextCursor);
  }
}

type DatedChange = PriceChange & { position: number };

/** By effective date, ties in recorded order (a stable sort of recorded entries): as the price list's evolve keeps them. */
export function inEffectiveOrder(entries: readonly TimelineEntry[]): DatedChange[] {
  return entries
    .map((e) => ({ ...(e.data as unknown as PriceChange), position: e.position }))
    .sort((a, b) => instantMs(a.effectiveFrom) - instantMs(b.effectiveFrom));
}

/** The change whose price `priceAt` (lib/domain/pricelist/state.ts) gives: the last in effective order begun by then. */
export function changeInEffect(changes: readonly DatedChange[], c: TrialConversion): ConversionRow["priceChange"] {
  const at = c.convertedAt;
  const found = at
    ? changes.findLast((d) => d.plan === c.plan && d.interval === c.interval && isAtOrBefore(d.effectiveFrom, at))
    : undefined;
  return found ? { effectiveFrom: found.effectiveFrom, position: found.position } : null;
}

/** The CSV's columns, one row per conversion. */
export const CONVERSION_COLUMNS = [
  "convertedAt",
  "accountId",
  "accountName",
  "trialPlan",
  "trialSeats",
  "trialStartedAt",
  "plan",
  "interval",
  "seats",
  "unitPrice",
  "currency",
  "priceSince",
] as const;

export function toConversionCsvRow(row: ConversionRow): Record<(typeof CONVERSION_COLUMNS)[number], unknown> {
  return { ...row, priceSince: row.priceChange?.effectiveFrom ?? null };
}
