import { INTERVAL_MONTHS, PLANS, planName } from "../catalog/plans";
import { freshId, nowOf, priceOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import { addUtcDays, addUtcMonths, utcDate } from "../shared/time";
import type { SubscriptionCommandOf } from "./commands";
import type { SubscriptionEvent } from "./events";
import { requireNoPendingCancellation, requireNotCanceled } from "./guards";
import type { SubscriptionState } from "./state";

export function decideStartTrial(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"StartTrial">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  if (state.status === "trialing") {
    reject(
      "TRIAL_ALREADY_STARTED",
      `This account is already on a free trial of ${planName(state.plan)} until ${utcDate(state.trialEnd)}.`,
    );
  }
  if (state.status !== "none") {
    reject("TRIAL_NOT_AVAILABLE", "Free trials are only for accounts that have never had a subscription.");
  }
  const { accountId, plan, seats, days } = command.data;
  return [{ type: "TrialStarted", data: { accountId, plan, seats, trialStart: now, trialEnd: addUtcDays(now, days) } }];
}

export function decideConvertTrial(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"ConvertTrial">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireNotCanceled(state, now, "convert a trial");
  if (state.status !== "trialing")
    reject("NOT_IN_TRIAL", "This account is not on a free trial, so there is nothing to convert.");
  requireNoPendingCancellation(state, "convert the trial");
  const { interval } = command.data;
  const plan = command.data.plan ?? state.plan;
  return [
    {
      type: "TrialConverted",
      data: {
        accountId: state.accountId,
        plan,
        interval,
        unitPrice: priceOf(command, plan, interval, now),
        seats: command.data.seats ?? state.seats,
        currency: PLANS[plan].currency,
        periodStart: now,
        periodEnd: addUtcMonths(now, INTERVAL_MONTHS[interval]),
        invoiceId: freshId(command),
      },
    },
  ];
}
