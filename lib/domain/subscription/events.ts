import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZPlanCode, ZBillingInterval } from "../catalog/plans";
import { ZCurrency, ZMinorUnits, ZSignedMinorUnits } from "../billing/money";
import { ZEntityId, ZInstant } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";

const ZSeats = z.number().int().positive();
const ZDays = z.number().int().nonnegative();

/** The terms of a billing period; the billing policy invoices from these alone. */
const period = {
  accountId: ZEntityId,
  plan: ZPlanCode,
  interval: ZBillingInterval,
  /** Per seat per period, minor units. */
  unitPrice: ZMinorUnits,
  seats: ZSeats,
  currency: ZCurrency,
  periodStart: ZInstant,
  periodEnd: ZInstant,
  /** The id of the invoice for this period (issued by the billing policy). */
  invoiceId: ZEntityId,
};

/** A coupon's discount on one period invoice. */
export const ZPeriodDiscount = z
  .object({
    code: z.string().min(1),
    percentOff: z.number().int().min(1).max(100).nullable(),
    amountOff: ZMinorUnits.nullable(),
    amount: ZMinorUnits,
    periodsRemaining: z.number().int().nonnegative(),
  })
  .strict();

const charge = {
  discount: ZPeriodDiscount.nullable(),
  /** Account credit (carried from earlier downgrades) used on this period's invoice. */
  creditApplied: ZMinorUnits,
  /** Set when a scheduled downgrade took effect with this period. */
  downgradedFrom: ZPlanCode.nullable(),
};

export const ZTrialStarted = z
  .object({ accountId: ZEntityId, plan: ZPlanCode, seats: ZSeats, trialStart: ZInstant, trialEnd: ZInstant })
  .strict();
export const ZTrialConverted = z.object(period).strict();
export const ZPlanPurchased = z.object({ ...period, creditApplied: ZMinorUnits }).strict();
export const ZPlanUpgraded = z
  .object({
    accountId: ZEntityId,
    fromPlan: ZPlanCode,
    toPlan: ZPlanCode,
    unitPriceBefore: ZMinorUnits,
    unitPrice: ZMinorUnits,
    upgradedAt: ZInstant,
  })
  .strict();
export const ZPlanDowngraded = z
  .object({
    accountId: ZEntityId,
    fromPlan: ZPlanCode,
    toPlan: ZPlanCode,
    unitPrice: ZMinorUnits,
    when: z.enum(["now", "period_end"]),
    /** now: the change's time; period_end: the end of the current period (applied at renewal). */
    effectiveAt: ZInstant,
  })
  .strict();
export const ZSeatsChanged = z
  .object({ accountId: ZEntityId, seatsBefore: ZSeats, seats: ZSeats, changedAt: ZInstant })
  .strict();
export const ZProrationApplied = z
  .object({
    accountId: ZEntityId,
    reason: z.enum(["upgrade", "downgrade", "seats"]),
    /** Signed minor units: > 0 charged, < 0 owed to the customer. */
    amount: ZSignedMinorUnits,
    currency: ZCurrency,
    interval: ZBillingInterval,
    fromPlan: ZPlanCode,
    toPlan: ZPlanCode,
    unitPriceBefore: ZMinorUnits,
    unitPriceAfter: ZMinorUnits,
    seatsBefore: ZSeats,
    seatsAfter: ZSeats,
    periodStart: ZInstant,
    periodEnd: ZInstant,
    changedAt: ZInstant,
    daysUsed: ZDays,
    daysRemaining: ZDays,
    periodDays: ZDays,
    /** amount > 0: the new invoice that charges it. */
    chargeInvoiceId: ZEntityId.optional(),
    /** amount < 0: the current period's invoice that a credit note reduces. */
    creditInvoiceId: ZEntityId.optional(),
    /** amount < 0: the part credited on creditInvoiceId (never more than it has left to credit). */
    creditedAmount: ZMinorUnits,
    /** amount < 0: the rest, kept as account credit for the next period invoice. */
    creditCarriedForward: ZMinorUnits,
  })
  .strict();
export const ZCouponApplied = z
  .object({
    accountId: ZEntityId,
    code: z.string().min(1),
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOff: ZMinorUnits.optional(),
    /** With amountOff: its currency. */
    currency: ZCurrency.optional(),
    durationPeriods: z.number().int().positive(),
    appliedAt: ZInstant,
  })
  .strict();
export const ZCouponRemoved = z.object({ accountId: ZEntityId, code: z.string().min(1), removedAt: ZInstant }).strict();
export const ZSubscriptionPaused = z.object({ accountId: ZEntityId, pausedAt: ZInstant }).strict();
export const ZSubscriptionResumed = z.object({ ...period, ...charge, resumedAt: ZInstant }).strict();
export const ZSubscriptionRenewed = z.object({ ...period, ...charge }).strict();
export const ZCancellationScheduled = z
  .object({ accountId: ZEntityId, when: z.enum(["now", "period_end"]), effectiveAt: ZInstant, scheduledAt: ZInstant })
  .strict();
export const ZCancellationRevoked = z
  .object({ accountId: ZEntityId, effectiveAt: ZInstant, revokedAt: ZInstant })
  .strict();
export const ZSubscriptionCanceled = z.object({ accountId: ZEntityId, canceledAt: ZInstant }).strict();

export const subscriptionEventSchemas = {
  TrialStarted: ZTrialStarted,
  TrialConverted: ZTrialConverted,
  PlanPurchased: ZPlanPurchased,
  PlanUpgraded: ZPlanUpgraded,
  PlanDowngraded: ZPlanDowngraded,
  SeatsChanged: ZSeatsChanged,
  ProrationApplied: ZProrationApplied,
  CouponApplied: ZCouponApplied,
  CouponRemoved: ZCouponRemoved,
  SubscriptionPaused: ZSubscriptionPaused,
  SubscriptionResumed: ZSubscriptionResumed,
  CancellationScheduled: ZCancellationScheduled,
  CancellationRevoked: ZCancellationRevoked,
  SubscriptionCanceled: ZSubscriptionCanceled,
  SubscriptionRenewed: ZSubscriptionRenewed,
};

export type SubscriptionEvent = EventUnionOf<typeof subscriptionEventSchemas>;
export type SubscriptionEventType = SubscriptionEvent["type"];
export type SubscriptionEventData<T extends SubscriptionEventType> = Extract<SubscriptionEvent, { type: T }>["data"];

/** No personal data in subscription events. */
export const subscriptionEventDefinitions: EventDefinition[] = eventDefinitionsOf(subscriptionEventSchemas);
