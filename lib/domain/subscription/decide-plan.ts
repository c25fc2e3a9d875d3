import { INTERVAL_MONTHS, PLANS, planName } from "../catalog/plans";
import { freshId, nowOf, priceOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import { addUtcMonths } from "../shared/time";
import type { SubscriptionCommandOf } from "./commands";
import type { SubscriptionEvent } from "./events";
import { isCancellationEffective, requireActive, requireNoPendingCancellation } from "./guards";
import { prorationEvents } from "./proration-events";
import type { SubscriptionState } from "./state";

export function decidePurchasePlan(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"PurchasePlan">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  const { accountId, plan, interval, seats } = command.data;
  const events: SubscriptionEvent[] = [];
  if (state.status === "trialing" && !isCancellationEffective(state, now)) {
    reject(
      "DUPLICATE_PURCHASE",
      `This account is on a free trial of ${planName(state.plan)}; convert the trial instead of purchasing again.`,
    );
  }
  if ((state.status === "active" || state.status === "paused") && !isCancellationEffective(state, now)) {
    const what = state.status === "paused" ? "a paused" : "an active";
    const instead = state.status === "paused" ? "resume it" : "upgrade or downgrade it";
    reject(
      "DUPLICATE_PURCHASE",
      `This account already has ${what} ${planName(state.plan)} subscription; ${instead} instead of purchasing again.`,
      {
        plan: state.plan,
        status: state.status,
      },
    );
  }
  // A cancellation that took effect but was not recorded yet is completed first.
  if ((state.status === "trialing" || state.status === "active" || state.status === "paused") && state.cancellation) {
    events.push({
      type: "SubscriptionCanceled",
      data: { accountId: state.accountId, canceledAt: state.cancellation.effectiveAt },
    });
  }
  const unitPrice = priceOf(command, plan, interval, now);
  const credit =
    state.status === "active" || state.status === "paused" || state.status === "canceled" ? state.accountCredit : 0;
  events.push({
    type: "PlanPurchased",
    data: {
      accountId,
      plan,
      interval,
      unitPrice,
      seats,
      currency: PLANS[plan].currency,
      periodStart: now,
      periodEnd: addUtcMonths(now, INTERVAL_MONTHS[interval]),
      invoiceId: freshId(command),
      creditApplied: Math.min(credit, unitPrice * seats),
    },
  });
  return events;
}

export function decideUpgradePlan(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"UpgradePlan">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  const sub = requireActive(state, now, "upgrade it");
  const toPlan = command.data.plan;
  if (PLANS[toPlan].rank <= PLANS[sub.plan].rank) {
    reject(
      "PLAN_NOT_AN_UPGRADE",
      toPlan === sub.plan
        ? `This account is already on ${planName(toPlan)}; choose a bigger plan to upgrade.`
        : `${planName(toPlan)} is smaller than the current ${planName(sub.plan)} plan; use a downgrade instead.`,
      { currentPlan: sub.plan },
    );
  }
  const unitPrice = priceOf(command, toPlan, sub.interval, now);
  return [
    {
      type: "PlanUpgraded",
      data: {
        accountId: sub.accountId,
        fromPlan: sub.plan,
        toPlan,
        unitPriceBefore: sub.unitPrice,
        unitPrice,
        upgradedAt: now,
      },
    },
    ...prorationEvents(sub, {
      reason: "upgrade",
      toPlan,
      unitPriceAfter: unitPrice,
      seatsAfter: sub.seats,
      now,
      chargeInvoiceId: () => freshId(command),
    }),
  ];
}

export function decideDowngradePlan(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"DowngradePlan">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  const sub = requireActive(state, now, "downgrade it");
  const { plan: toPlan, when } = command.data;
  if (PLANS[toPlan].rank >= PLANS[sub.plan].rank) {
    reject(
      "PLAN_NOT_A_DOWNGRADE",
      toPlan === sub.plan
        ? `This account is already on ${planName(toPlan)}; choose a smaller plan to downgrade.`
        : `${planName(toPlan)} is bigger than the current ${planName(sub.plan)} plan; use an upgrade instead.`,
      { currentPlan: sub.plan },
    );
  }
  const unitPrice = priceOf(command, toPlan, sub.interval, now);
  const base = { accountId: sub.accountId, fromPlan: sub.plan, toPlan, unitPrice };
  if (when === "period_end") {
    requireNoPendingCancellation(sub, "schedule a downgrade for the end of the period");
    if (sub.scheduledDowngrade?.plan === toPlan) {
      reject(
        "DOWNGRADE_ALREADY_SCHEDULED",
        `A downgrade to ${planName(toPlan)} is already scheduled for ${sub.periodEnd.slice(0, 10)}.`,
      );
    }
    return [{ type: "PlanDowngraded", data: { ...base, when, effectiveAt: sub.periodEnd } }];
  }
  return [
    { type: "PlanDowngraded", data: { ...base, when, effectiveAt: now } },
    ...prorationEvents(sub, {
      reason: "downgrade",
      toPlan,
      unitPriceAfter: unitPrice,
      seatsAfter: sub.seats,
      now,
      chargeInvoiceId: () => freshId(command),
    }),
  ];
}

export function decideChangeSeats(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"ChangeSeats">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  const sub = requireActive(state, now, "change its seats");
  const { seats } = command.data;
  if (seats === sub.seats)
    reject(
      "SEATS_UNCHANGED",
      `This subscription already has ${seats} seat${seats === 1 ? "" : "s"}; nothing to change.`,
    );
  return [
    { type: "SeatsChanged", data: { accountId: sub.accountId, seatsBefore: sub.seats, seats, changedAt: now } },
    ...prorationEvents(sub, {
      reason: "seats",
      toPlan: sub.plan,
      unitPriceAfter: sub.unitPrice,
      seatsAfter: seats,
      now,
      chargeInvoiceId: () => freshId(command),
    }),
  ];
}
