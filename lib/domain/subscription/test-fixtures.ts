import type { z } from "zod";
import { commandFrom } from "../shared/testing";
import { subscriptionCommandSchemas } from "./commands";
import type { SubscriptionEvent, SubscriptionEventData } from "./events";

export const ACCOUNT = "acme";
/** A monthly period of 31 days: 2025-01-15 10:00 to 2025-02-15 10:00 UTC. */
export const T0 = "2025-01-15T10:00:00.000Z";
export const T0_END = "2025-02-15T10:00:00.000Z";
export const at = (date: string, time = "12:00:00") => `${date}T${time}.000Z`;

type Schemas = typeof subscriptionCommandSchemas;
type Input<T extends keyof Schemas> = Omit<z.input<Schemas[T]>, "accountId">;

/** A subscription command for ACCOUNT at `now`. */
export function sub<T extends keyof Schemas>(type: T, data: Input<T>, now: string, ids?: string[]) {
  return commandFrom(
    subscriptionCommandSchemas,
    type,
    { accountId: ACCOUNT, ...data } as z.input<Schemas[T]>,
    now,
    ids,
  );
}

export function purchased(overrides: Partial<SubscriptionEventData<"PlanPurchased">> = {}): SubscriptionEvent {
  return {
    type: "PlanPurchased",
    data: {
      accountId: ACCOUNT,
      plan: "pro",
      interval: "monthly",
      unitPrice: 9900,
      seats: 3,
      currency: "USD",
      periodStart: T0,
      periodEnd: T0_END,
      invoiceId: "inv-1",
      creditApplied: 0,
      ...overrides,
    },
  };
}

/** Enterprise, annual, 2 seats: 2025-01-01 to 2026-01-01 (365 days), invoice inv-annual. */
export const annualEnterprise = () =>
  purchased({
    plan: "enterprise",
    interval: "annual",
    unitPrice: 499000,
    seats: 2,
    periodStart: "2025-01-01T00:00:00.000Z",
    periodEnd: "2026-01-01T00:00:00.000Z",
    invoiceId: "inv-annual",
  });

export const trialStarted = (): SubscriptionEvent => ({
  type: "TrialStarted",
  data: { accountId: ACCOUNT, plan: "pro", seats: 3, trialStart: T0, trialEnd: "2025-01-29T10:00:00.000Z" },
});

export const paused = (pausedAt = at("2025-01-20")): SubscriptionEvent => ({
  type: "SubscriptionPaused",
  data: { accountId: ACCOUNT, pausedAt },
});

export const cancellationScheduled = (effectiveAt = T0_END, scheduledAt = at("2025-01-20")): SubscriptionEvent => ({
  type: "CancellationScheduled",
  data: { accountId: ACCOUNT, when: "period_end", effectiveAt, scheduledAt },
});

export const canceled = (canceledAt = at("2025-01-20")): SubscriptionEvent => ({
  type: "SubscriptionCanceled",
  data: { accountId: ACCOUNT, canceledAt },
});

export const couponApplied = (code = "SAVE20", percentOff = 20, durationPeriods = 3): SubscriptionEvent => ({
  type: "CouponApplied",
  data: { accountId: ACCOUNT, code, percentOff, durationPeriods, appliedAt: at("2025-01-16") },
});

export const MID = "2025-01-25T09:00:00.000Z"; // 10 days used, 21 of 31 remaining

export const prorationApplied = (data: Partial<SubscriptionEventData<"ProrationApplied">>) => ({
  type: "ProrationApplied" as const,
  data: {
    accountId: ACCOUNT,
    reason: "upgrade" as const,
    amount: 0,
    currency: "USD",
    interval: "monthly" as const,
    fromPlan: "pro" as const,
    toPlan: "pro" as const,
    unitPriceBefore: 9900,
    unitPriceAfter: 9900,
    seatsBefore: 3,
    seatsAfter: 3,
    periodStart: T0,
    periodEnd: T0_END,
    changedAt: MID,
    daysUsed: 10,
    daysRemaining: 21,
    periodDays: 31,
    creditedAmount: 0,
    creditCarriedForward: 0,
    ...data,
  },
});
