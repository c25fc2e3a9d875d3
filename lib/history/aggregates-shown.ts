import type { AggregateAt } from "./account-at";

/** An account with thousands of invoices is listed whole only on request; this many aggregates otherwise. */
export const AGGREGATES_LISTED = 50;

/**
 * The aggregates a page lists when there are more than `limit`: every one
 * that is not an invoice (the account, its subscription, its leads), then
 * the invoices changed last before the point, in the list's own order.
 */
export function aggregatesShown(all: readonly AggregateAt[], limit = AGGREGATES_LISTED): AggregateAt[] {
  if (all.length <= limit) return [...all];
  const invoices = all.filter((a) => a.kind === "invoice");
  const room = Math.max(0, limit - (all.length - invoices.length));
  const latest = new Set(invoices.toSorted((a, b) => (b.lastPosition ?? 0) - (a.lastPosition ?? 0)).slice(0, room));
  return all.filter((a) => a.kind !== "invoice" || latest.has(a));
}
