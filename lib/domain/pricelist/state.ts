import { type BillingInterval, PLANS, type PlanCode, unitPriceOf } from "../catalog/plans";
import { formatMoney } from "../billing/money";
import { isAtOrBefore, utcDate } from "../shared/time";

/** One change of a plan's price; the catalogue's list price holds before the first. */
export interface PriceChange {
  plan: PlanCode;
  interval: BillingInterval;
  unitPrice: number;
  currency: string;
  effectiveFrom: string;
}

/** A price list (stream `pricelist-<id>`): its changes in the order they take effect. Plain JSON. */
export interface PriceListState {
  priceListId: string | null;
  /** Its events' timeline: `pricelist-<id>` (a price list belongs to no customer). */
  accountId: string | null;
  changes: PriceChange[];
}

export const initialPriceListState = (): PriceListState => ({ priceListId: null, accountId: null, changes: [] });

/**
 * The price per seat per period of a plan at an instant: the latest change
 * in effect by then, else the catalogue's list price. Pure: the command
 * handler passes the price list's changes in the command's context.
 */
export function priceAt(
  changes: readonly PriceChange[] | undefined,
  plan: PlanCode,
  interval: BillingInterval,
  at: string,
): number {
  let price = unitPriceOf(plan, interval);
  for (const change of changes ?? []) {
    if (change.plan === plan && change.interval === interval && isAtOrBefore(change.effectiveFrom, at)) {
      price = change.unitPrice;
    }
  }
  return price;
}

/** One line for an API or a support screen. */
export function summarizePriceList(state: PriceListState): string {
  if (state.changes.length === 0) return "No price changes: the catalogue's list prices apply.";
  const lines = state.changes.map(
    (c) =>
      `${PLANS[c.plan].name} ${c.interval} ${formatMoney(c.unitPrice, c.currency)} from ${utcDate(c.effectiveFrom)}`,
  );
  return `Price list ${state.priceListId}: ${lines.join("; ")}.`;
}
