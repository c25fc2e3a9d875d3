import { INTERVAL_MONTHS } from "../catalog/plans";
import { periodCharge } from "../billing/period-charge";
import { freshId, nowOf, priceOf } from "../shared/context";
import type { Command } from "../shared/decider";
import { reject } from "../shared/domain-error";
import { addUtcMonths, isBefore, latestOf, utcDate } from "../shared/time";
import type { SubscriptionCommandOf } from "./commands";
import type { SubscriptionEvent, SubscriptionEventData } from "./events";
import {
  isCancellationEffective,
  requireActive,
  requireExisting,
  requireNoPendingCancellation,
  requireNotCanceled,
} from "./guards";
import type { BilledSubscription, SubscriptionState } from "./state";

export function decidePauseSubscription(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"PauseSubscription">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireNotCanceled(state, now, "pause it");
  if (state.status === "paused") {
    reject("SUBSCRIPTION_ALREADY_PAUSED", `This subscription has been paused since ${utcDate(state.pausedAt ?? now)}.`);
  }
  const sub = requireActive(state, now, "pause it");
  return [{ type: "SubscriptionPaused", data: { accountId: sub.accountId, pausedAt: now } }];
}

/** Resuming starts a fresh full period at the resume time and bills it (the paused time is not billed). */
export function decideResumeSubscription(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"ResumeSubscription">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireNotCanceled(state, now, "resume it");
  if (state.status !== "paused")
    reject("SUBSCRIPTION_NOT_PAUSED", "This subscription is not paused, so there is nothing to resume.");
  requireNoPendingCancellation(state, "resume it");
  const next = nextPeriod(state, now, freshId(command), command);
  return [{ type: "SubscriptionResumed", data: { ...next, resumedAt: now } }];
}

/** System: starts the next period (from the end of the current one) once it is due. */
export function decideRenewSubscription(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"RenewSubscription">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireNotCanceled(state, now, "renew it");
  if (state.status === "paused")
    reject("SUBSCRIPTION_PAUSED", "This subscription is paused; paused subscriptions are not renewed or billed.");
  const sub = requireActive(state, now, "renew it");
  requireNoPendingCancellation(sub, "renew it");
  if (isBefore(now, sub.periodEnd)) {
    reject(
      "RENEWAL_NOT_DUE",
      `The current period runs until ${utcDate(sub.periodEnd)}; it can't be renewed before then.`,
      { periodEnd: sub.periodEnd },
    );
  }
  return [{ type: "SubscriptionRenewed", data: nextPeriod(sub, sub.periodEnd, freshId(command), command) }];
}

/**
 * The next period from `start`, at the price in effect when it starts, with a
 * scheduled downgrade applied and the coupon and account credit used.
 */
function nextPeriod(
  sub: BilledSubscription,
  start: string,
  invoiceId: string,
  command: Pick<Command, "context">,
): SubscriptionEventData<"SubscriptionRenewed"> {
  const plan = sub.scheduledDowngrade?.plan ?? sub.plan;
  const unitPrice = priceOf(command, plan, sub.interval, start);
  const charge = periodCharge(unitPrice, sub.seats, sub.coupon, sub.accountCredit);
  return {
    accountId: sub.accountId,
    plan,
    interval: sub.interval,
    unitPrice,
    seats: sub.seats,
    currency: sub.currency,
    periodStart: start,
    periodEnd: addUtcMonths(start, INTERVAL_MONTHS[sub.interval]),
    invoiceId,
    discount: charge.discount,
    creditApplied: charge.creditApplied,
    downgradedFrom: sub.scheduledDowngrade ? sub.plan : null,
  };
}

export function decideScheduleCancellation(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"ScheduleCancellation">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireNotCanceled(state, now, "cancel it");
  const { when } = command.data;
  if (when === "period_end" && state.cancellation) {
    reject(
      "CANCELLATION_ALREADY_SCHEDULED",
      `This subscription is already set to end on ${utcDate(state.cancellation.effectiveAt)}.`,
    );
  }
  // A trial ends at its trial end; a paused subscription whose period is over ends now.
  const effectiveAt =
    when === "now" ? now : latestOf(state.status === "trialing" ? state.trialEnd : state.periodEnd, now);
  const events: SubscriptionEvent[] = [
    { type: "CancellationScheduled", data: { accountId: state.accountId, when, effectiveAt, scheduledAt: now } },
  ];
  if (effectiveAt === now)
    events.push({ type: "SubscriptionCanceled", data: { accountId: state.accountId, canceledAt: now } });
  return events;
}

export function decideRevokeCancellation(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"RevokeCancellation">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireExisting(state, "revoke a cancellation");
  if (state.status !== "canceled" && state.cancellation && isCancellationEffective(state, now)) {
    reject(
      "CANCELLATION_ALREADY_EFFECTIVE",
      `The cancellation took effect on ${utcDate(state.cancellation.effectiveAt)} and can no longer be revoked. Purchase a new plan to subscribe again.`,
    );
  }
  requireNotCanceled(state, now, "revoke its cancellation");
  if (!state.cancellation)
    reject("NO_CANCELLATION_SCHEDULED", "This subscription has no scheduled cancellation to revoke.");
  return [
    {
      type: "CancellationRevoked",
      data: { accountId: state.accountId, effectiveAt: state.cancellation.effectiveAt, revokedAt: now },
    },
  ];
}

/** System: records the end of a subscription whose scheduled cancellation is due. */
export function decideCancelSubscription(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"CancelSubscription">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireExisting(state, "cancel it");
  if (state.status === "canceled") {
    reject("SUBSCRIPTION_CANCELED", `This subscription was already canceled effective ${utcDate(state.canceledAt)}.`);
  }
  if (!state.cancellation) {
    reject("NO_CANCELLATION_SCHEDULED", "This subscription has no scheduled cancellation; schedule one first.");
  }
  if (!isCancellationEffective(state, now)) {
    reject(
      "CANCELLATION_NOT_DUE",
      `The cancellation takes effect on ${utcDate(state.cancellation.effectiveAt)}, not yet.`,
      {
        effectiveAt: state.cancellation.effectiveAt,
      },
    );
  }
  return [
    { type: "SubscriptionCanceled", data: { accountId: state.accountId, canceledAt: state.cancellation.effectiveAt } },
  ];
}
