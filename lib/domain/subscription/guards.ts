import { planName } from "../catalog/plans";
import { reject } from "../shared/domain-error";
import { isAtOrBefore, utcDate } from "../shared/time";
import type { BilledSubscription, CanceledSubscription, SubscriptionState, TrialSubscription } from "./state";

/** True once the subscription has ended: canceled, or a scheduled cancellation whose time has come (even if SubscriptionCanceled is not recorded yet). */
export function isCancellationEffective(state: SubscriptionState, now: string): boolean {
  if (state.status === "canceled") return true;
  if (state.status === "none") return false;
  return state.cancellation !== null && isAtOrBefore(state.cancellation.effectiveAt, now);
}

/** When the subscription ended or ends, if it has. */
function endedOn(state: SubscriptionState): string {
  if (state.status === "canceled") return utcDate(state.canceledAt);
  if (state.status !== "none" && state.cancellation) return utcDate(state.cancellation.effectiveAt);
  return "an earlier date";
}

export function requireExisting(
  state: SubscriptionState,
  action: string,
): asserts state is TrialSubscription | BilledSubscription | CanceledSubscription {
  if (state.status === "none") {
    reject("SUBSCRIPTION_NOT_FOUND", `This account has no subscription, so we can't ${action}. Purchase a plan first.`);
  }
}

/** Rejects once the cancellation is effective. */
export function requireNotCanceled(
  state: SubscriptionState,
  now: string,
  action: string,
): asserts state is TrialSubscription | BilledSubscription {
  requireExisting(state, action);
  if (isCancellationEffective(state, now)) {
    reject(
      "SUBSCRIPTION_CANCELED",
      `This subscription was canceled effective ${endedOn(state)}, so we can't ${action}. Purchase a new plan to subscribe again.`,
      { canceledOn: endedOn(state) },
    );
  }
}

/** An active (not trialing, not paused, not canceled) subscription, for plan and seat changes. */
export function requireActive(state: SubscriptionState, now: string, action: string): BilledSubscription {
  requireNotCanceled(state, now, action);
  if (state.status === "trialing") {
    reject(
      "TRIAL_NOT_CONVERTED",
      `This account is on a free trial of ${planName(state.plan)}; convert the trial to a paid plan before you ${action}.`,
    );
  }
  if (state.status === "paused") {
    reject(
      "SUBSCRIPTION_PAUSED",
      `This subscription is paused since ${utcDate(state.pausedAt ?? state.periodStart)}; resume it before you ${action}.`,
    );
  }
  return state;
}

/** Rejects while a cancellation is scheduled but not yet effective. */
export function requireNoPendingCancellation(state: TrialSubscription | BilledSubscription, action: string): void {
  if (state.cancellation) {
    reject(
      "CANCELLATION_PENDING",
      `This subscription is set to end on ${utcDate(state.cancellation.effectiveAt)}; revoke the cancellation before you ${action}.`,
      { effectiveAt: state.cancellation.effectiveAt },
    );
  }
}
