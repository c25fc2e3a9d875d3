import { PLANS } from "../catalog/plans";
import { ignoreUnknownEvent } from "../shared/exhaustive";
import type { ActiveCoupon } from "../billing/period-charge";
import type { SubscriptionEvent, SubscriptionEventData } from "./events";
import type { BilledSubscription, SubscriptionState } from "./state";

/** Applies a recorded fact. Never throws, never validates: an event that does not fit leaves the state as it was. */
export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  switch (event.type) {
    case "TrialStarted":
      return { status: "trialing", ...event.data, cancellation: null };
    case "TrialConverted":
      return startPeriod(state, {
        ...event.data,
        creditApplied: 0,
        discount: null,
        total: event.data.unitPrice * event.data.seats,
      });
    case "PlanPurchased": {
      const total = event.data.unitPrice * event.data.seats - event.data.creditApplied;
      return startPeriod(state, { ...event.data, discount: null, total });
    }
    case "SubscriptionRenewed":
    case "SubscriptionResumed": {
      const { unitPrice, seats, discount, creditApplied } = event.data;
      return startPeriod(state, { ...event.data, total: unitPrice * seats - (discount?.amount ?? 0) - creditApplied });
    }
    case "PlanUpgraded":
      return onBilled(state, (s) => ({
        ...s,
        plan: event.data.toPlan,
        unitPrice: event.data.unitPrice,
        scheduledDowngrade: null,
      }));
    case "PlanDowngraded":
      return onBilled(state, (s) =>
        event.data.when === "now"
          ? { ...s, plan: event.data.toPlan, unitPrice: event.data.unitPrice, scheduledDowngrade: null }
          : {
              ...s,
              scheduledDowngrade: {
                plan: event.data.toPlan,
                unitPrice: event.data.unitPrice,
                effectiveAt: event.data.effectiveAt,
              },
            },
      );
    case "SeatsChanged":
      return onBilled(state, (s) => ({ ...s, seats: event.data.seats }));
    case "ProrationApplied":
      if (event.data.amount >= 0) return state;
      return onBilled(state, (s) => ({
        ...s,
        periodInvoice: {
          ...s.periodInvoice,
          creditable: Math.max(0, s.periodInvoice.creditable - event.data.creditedAmount),
        },
        accountCredit: s.accountCredit + event.data.creditCarriedForward,
      }));
    case "CouponApplied": {
      const { code, percentOff, amountOff, currency, durationPeriods } = event.data;
      const coupon: ActiveCoupon = {
        code,
        percentOff: percentOff ?? null,
        amountOff: amountOff ?? null,
        currency: currency ?? null,
        periodsRemaining: durationPeriods,
      };
      return onBilled(state, (s) => ({ ...s, coupon }));
    }
    case "CouponRemoved":
      return onBilled(state, (s) => ({ ...s, coupon: null }));
    case "SubscriptionPaused":
      return onBilled(state, (s) => ({ ...s, status: "paused", pausedAt: event.data.pausedAt }));
    case "CancellationScheduled":
    case "CancellationRevoked": {
      const cancellation =
        event.type === "CancellationScheduled"
          ? { when: event.data.when, effectiveAt: event.data.effectiveAt, scheduledAt: event.data.scheduledAt }
          : null;
      if (state.status === "trialing") return { ...state, cancellation };
      return onBilled(state, (s) => ({ ...s, cancellation }));
    }
    case "SubscriptionCanceled":
      if (state.status === "none" || state.status === "canceled") return state;
      return {
        status: "canceled",
        accountId: state.accountId,
        plan: state.plan,
        canceledAt: event.data.canceledAt,
        accountCredit: state.status === "trialing" ? 0 : state.accountCredit,
        currency: state.status === "trialing" ? PLANS[state.plan].currency : state.currency,
      };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

function onBilled(state: SubscriptionState, update: (s: BilledSubscription) => BilledSubscription): SubscriptionState {
  return state.status === "active" || state.status === "paused" ? update(state) : state;
}

type PeriodStart = SubscriptionEventData<"TrialConverted"> & {
  discount: { periodsRemaining: number } | null;
  creditApplied: number;
  total: number;
};

/** A new billing period: purchase, trial conversion, renewal or resume. */
function startPeriod(state: SubscriptionState, p: PeriodStart): SubscriptionState {
  const previous = state.status === "active" || state.status === "paused" ? state : null;
  const carriedCredit =
    state.status === "active" || state.status === "paused" || state.status === "canceled" ? state.accountCredit : 0;
  // A renewal or resume continues the coupon (one period fewer); a purchase or conversion starts without one.
  const coupon =
    previous?.coupon && p.discount && p.discount.periodsRemaining > 0
      ? { ...previous.coupon, periodsRemaining: p.discount.periodsRemaining }
      : previous?.coupon && !p.discount
        ? previous.coupon
        : null;
  return {
    status: "active",
    accountId: p.accountId,
    plan: p.plan,
    interval: p.interval,
    unitPrice: p.unitPrice,
    seats: p.seats,
    currency: p.currency,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    periodInvoice: { invoiceId: p.invoiceId, creditable: Math.max(0, p.total) },
    coupon,
    scheduledDowngrade: null,
    cancellation: previous?.cancellation ?? null,
    pausedAt: null,
    accountCredit: Math.max(0, carriedCredit - p.creditApplied),
  };
}
