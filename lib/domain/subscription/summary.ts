import { planName } from "../catalog/plans";
import { formatMoney } from "../billing/money";
import { describeCoupon } from "../billing/period-charge";
import { utcDate } from "../shared/time";
import type { SubscriptionState } from "./state";

/** One line for an API or a support screen. */
export function summarizeSubscription(state: SubscriptionState): string {
  switch (state.status) {
    case "none":
      return "No subscription.";
    case "trialing":
      return `Free trial of ${planName(state.plan)} for ${seats(state.seats)} until ${utcDate(state.trialEnd)}${ending(state.cancellation)}.`;
    case "canceled":
      return `Canceled effective ${utcDate(state.canceledAt)} (was ${planName(state.plan)})${credit(state.accountCredit, state.currency)}.`;
    case "active":
    case "paused": {
      const parts = [
        `${state.status === "paused" ? "Paused" : "Active"} ${planName(state.plan)} (${state.interval}), ${seats(state.seats)} at ${formatMoney(state.unitPrice, state.currency)} per seat`,
        state.status === "paused"
          ? `paused since ${utcDate(state.pausedAt ?? state.periodStart)}`
          : `period ${utcDate(state.periodStart)} to ${utcDate(state.periodEnd)}`,
      ];
      if (state.coupon)
        parts.push(
          `coupon ${describeCoupon(state.coupon, state.currency)} for ${state.coupon.periodsRemaining} more period(s)`,
        );
      if (state.scheduledDowngrade)
        parts.push(
          `downgrades to ${planName(state.scheduledDowngrade.plan)} on ${utcDate(state.scheduledDowngrade.effectiveAt)}`,
        );
      return `${parts.join("; ")}${ending(state.cancellation)}${credit(state.accountCredit, state.currency)}.`;
    }
  }
}

const seats = (n: number) => `${n} seat${n === 1 ? "" : "s"}`;
const ending = (c: { effectiveAt: string } | null) => (c ? `; ends ${utcDate(c.effectiveAt)}` : "");
const credit = (amount: number, currency: string) =>
  amount > 0 ? `; account credit ${formatMoney(amount, currency)}` : "";
