import { divideRoundHalfAwayFromZero, type SubscriptionState } from "@/lib/domain";
import { PLANS } from "@/lib/domain/catalog/plans";

/**
 * Monthly recurring revenue of a subscription at list price, in minor units:
 * the one definition every read model uses. Active monthly: unitPrice × seats;
 * active annual: unitPrice × seats / 12 rounded half away from zero. Trialing,
 * paused, canceled and no subscription: 0. Coupons and account credit are not
 * deducted (they are one-off discounts on invoices, not a lower run rate).
 */
export function monthlyRecurringRevenue(subscription: SubscriptionState): number {
  if (subscription.status !== "active") return 0;
  const perPeriod = BigInt(subscription.unitPrice) * BigInt(subscription.seats);
  return divideRoundHalfAwayFromZero(perPeriod, subscription.interval === "annual" ? 12n : 1n);
}

/** The currency the subscription bills in (a trial: its plan's); null without one. */
export function subscriptionCurrency(subscription: SubscriptionState): string | null {
  switch (subscription.status) {
    case "none":
      return null;
    case "trialing":
      return PLANS[subscription.plan]?.currency ?? null;
    default:
      return subscription.currency;
  }
}
