import { z } from "zod";
import { BILLING_INTERVALS, PLAN_CODES } from "@/lib/domain/catalog/plans";
import { STANDARD_PRICE_LIST } from "@/lib/domain/pricelist/commands";
import { isAtOrBefore } from "@/lib/domain/shared/time";
import type { ValidationIssue } from "@/lib/event-store";
import { accountNames } from "@/lib/projections/account-summary/queries";
import { listConversions, type TrialConversion, trialOutcomes } from "@/lib/projections/trial-conversions/queries";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import type { TimelineEntry } from "@/lib/timeline/entry";
import { readTimeline } from "@/lib/timeline/read";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export const CONVERSIONS_LIMIT = 1000;

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
 * conversion paid is the one its TrialConverted event recorded.
 */
export async function readConversions(filters: ConversionFilters, runtime?: Runtime) {
  const rt = runtime ?? (await getRuntime());
  const priceList = `pricelist-${STANDARD_PRICE_LIST}`;
  const [conversions, outcomes, changes] = await Promise.all([
    listConversions(rt.db, { ...filters, limit: CONVERSIONS_LIMIT }),
    trialOutcomes(rt.db, filters),
    readTimeline(rt, { streamId: priceList }, { limit: 200, order: "asc" }),
  ]);
  const names = await accountNames(
    rt.db,
    conversions.map((c) => c.accountId),
  );
  const rows: ConversionRow[] = conversions.map((c) => ({
    ...c,
    accountName: names.get(c.accountId) ?? null,
    priceChange: changeInEffect(changes.entries, c),
  }));
  return { rows, outcomes, priceChanges: changes.entries, truncated: conversions.length === CONVERSIONS_LIMIT };
}

function changeInEffect(changes: readonly TimelineEntry[], c: TrialConversion) {
  let found: ConversionRow["priceChange"] = null;
  for (const entry of changes) {
    const d = entry.data as { plan?: string; interval?: string; effectiveFrom?: string };
    if (d.plan === c.plan && d.interval === c.interval && c.convertedAt && d.effectiveFrom) {
      if (isAtOrBefore(d.effectiveFrom, c.convertedAt))
        found = { effectiveFrom: d.effectiveFrom, position: entry.position };
    }
  }
  return found;
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
