import { divideRoundHalfAwayFromZero, type SubscriptionState } from "@/lib/domain";
import { periodCharge } from "@/lib/domain/billing/period-charge";
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

/**
 * MRR less what the active coupon takes off the next period invoice (the
 * account header's "after coupons"): the rate the customer pays while the
 * coupon lasts. Equal to the list-price MRR without a coupon.
 */
export function monthlyRecurringRevenueAfterCoupon(subscription: SubscriptionState): number {
  if (subscription.status !== "active") return 0;
  const { subtotal, discount } = periodCharge(subscription.unitPrice, subscription.seats, subscription.coupon, 0);
  const perPeriod = BigInt(subtotal - (discount?.amount ?? 0));
  return divideRoundHalfAwayFromZero(perPeriod, subscription.interval === "annual" ? 12n : 1n);
}
