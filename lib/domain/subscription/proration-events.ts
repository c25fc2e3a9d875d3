import { prorate } from "../billing/proration";
import type { SubscriptionEvent, SubscriptionEventData } from "./events";
import type { BilledSubscription } from "./state";

export interface Change {
  reason: SubscriptionEventData<"ProrationApplied">["reason"];
  toPlan: BilledSubscription["plan"];
  unitPriceAfter: number;
  seatsAfter: number;
  now: string;
  /** Only taken when there is something to charge. */
  chargeInvoiceId: () => string;
}

/**
 * The billing adjustment of a mid-period change: nothing when it prorates to 0;
 * a charge on a new invoice when positive; when negative, a credit against the
 * current period's invoice up to what it can still credit, the rest carried as
 * account credit to the next period invoice.
 */
export function prorationEvents(sub: BilledSubscription, change: Change): SubscriptionEvent[] {
  const p = prorate({
    fromUnitPrice: sub.unitPrice,
    fromSeats: sub.seats,
    toUnitPrice: change.unitPriceAfter,
    toSeats: change.seatsAfter,
    periodStart: sub.periodStart,
    periodEnd: sub.periodEnd,
    at: change.now,
  });
  if (p.amount === 0) return [];
  const owed = Math.max(0, -p.amount);
  const creditedAmount = Math.min(owed, sub.periodInvoice.creditable);
  const data: SubscriptionEventData<"ProrationApplied"> = {
    accountId: sub.accountId,
    reason: change.reason,
    amount: p.amount,
    currency: sub.currency,
    interval: sub.interval,
    fromPlan: sub.plan,
    toPlan: change.toPlan,
    unitPriceBefore: sub.unitPrice,
    unitPriceAfter: change.unitPriceAfter,
    seatsBefore: sub.seats,
    seatsAfter: change.seatsAfter,
    periodStart: sub.periodStart,
    periodEnd: sub.periodEnd,
    changedAt: change.now,
    daysUsed: p.daysUsed,
    daysRemaining: p.daysRemaining,
    periodDays: p.periodDays,
    ...(p.amount > 0 ? { chargeInvoiceId: change.chargeInvoiceId() } : {}),
    ...(creditedAmount > 0 ? { creditInvoiceId: sub.periodInvoice.invoiceId } : {}),
    creditedAmount,
    creditCarriedForward: owed - creditedAmount,
  };
  return [{ type: "ProrationApplied", data }];
}
