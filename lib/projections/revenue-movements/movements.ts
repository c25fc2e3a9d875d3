import type { SubscriptionState } from "@/lib/domain";
import { monthlyRecurringRevenue, subscriptionCurrency } from "../shared/mrr";

/** What revenue-movements keeps per account between events. */
export interface RevenueAccount {
  mrr: number;
  currency: string | null;
  /** Has ever had MRR > 0: a later 0 → x is not "new". */
  hasBeenPaying: boolean;
  /** Canceled after paying: the next 0 → x is a reactivation. */
  churned: boolean;
  subscription: SubscriptionState;
}

export interface Movement {
  newMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnMrr: number;
  reactivationMrr: number;
}

const none: Movement = { newMrr: 0, expansionMrr: 0, contractionMrr: 0, churnMrr: 0, reactivationMrr: 0 };

/**
 * Classifies the MRR change a new subscription state makes (all amounts ≥ 0):
 * 0 → x the first time: new; 0 → x after a churn: reactivation; 0 → x after a
 * pause (resume): expansion; up: expansion; down but above 0: contraction;
 * x → 0 by cancellation: churn; x → 0 by pause: contraction.
 */
export function classify(
  account: RevenueAccount,
  subscription: SubscriptionState,
): { account: RevenueAccount; movement: Movement | null } {
  const before = account.mrr;
  const after = monthlyRecurringRevenue(subscription);
  const canceled = subscription.status === "canceled";
  let movement: Movement | null = null;
  let churned = account.churned;
  if (after > before) {
    if (before > 0) movement = { ...none, expansionMrr: after - before };
    else if (account.churned) movement = { ...none, reactivationMrr: after };
    else if (account.hasBeenPaying) movement = { ...none, expansionMrr: after };
    else movement = { ...none, newMrr: after };
    churned = false;
  } else if (after < before) {
    movement = after === 0 && canceled ? { ...none, churnMrr: before } : { ...none, contractionMrr: before - after };
  }
  // A paused subscription canceled later moves no MRR (the pause took it to 0) but still counts as churned.
  if (canceled && (account.hasBeenPaying || before > 0)) churned = true;
  return {
    movement,
    account: {
      mrr: after,
      currency: subscriptionCurrency(subscription) ?? account.currency,
      hasBeenPaying: account.hasBeenPaying || after > 0,
      churned,
      subscription,
    },
  };
}
