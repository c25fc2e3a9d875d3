import { z } from "zod";
import { ZBillingInterval, ZPlanCode } from "../catalog/plans";
import { ZEntityId } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

export const MAX_SEATS = 10_000;

const ZSeats = z
  .number({ error: "seats must be a number" })
  .int({ error: "seats must be a whole number" })
  .min(1, { error: "seats must be at least 1" })
  .max(MAX_SEATS, { error: `seats must be at most ${MAX_SEATS}` });

const ZWhen = z.enum(["now", "period_end"], { error: 'when must be "now" or "period_end"' });

const target = { accountId: ZEntityId };

export const ZPurchasePlan = z
  .object({ ...target, plan: ZPlanCode, interval: ZBillingInterval, seats: ZSeats })
  .strict();
export const ZUpgradePlan = z.object({ ...target, plan: ZPlanCode }).strict();
export const ZDowngradePlan = z.object({ ...target, plan: ZPlanCode, when: ZWhen }).strict();
export const ZChangeSeats = z.object({ ...target, seats: ZSeats }).strict();
export const ZApplyCoupon = z
  .object({
    ...target,
    code: z.string({ error: "code is required" }).trim().min(1, { error: "code must not be empty" }).max(40),
  })
  .strict();
export const ZRemoveCoupon = z.object(target).strict();
export const ZPauseSubscription = z.object(target).strict();
export const ZResumeSubscription = z.object(target).strict();
export const ZScheduleCancellation = z.object({ ...target, when: ZWhen }).strict();
export const ZRevokeCancellation = z.object(target).strict();
/** System: completes a scheduled cancellation once it is due. */
export const ZCancelSubscription = z.object(target).strict();
/** System: starts the next period once the current one has ended. */
export const ZRenewSubscription = z.object(target).strict();
export const ZStartTrial = z
  .object({
    ...target,
    plan: ZPlanCode,
    seats: ZSeats,
    days: z
      .number()
      .int()
      .min(1, { error: "days must be at least 1" })
      .max(30, { error: "a trial lasts at most 30 days" })
      .default(14),
  })
  .strict();
/** Converts the trial into a paid subscription; plan and seats default to the trial's. */
export const ZConvertTrial = z
  .object({ ...target, interval: ZBillingInterval, plan: ZPlanCode.optional(), seats: ZSeats.optional() })
  .strict();

export const subscriptionCommandSchemas = {
  PurchasePlan: ZPurchasePlan,
  UpgradePlan: ZUpgradePlan,
  DowngradePlan: ZDowngradePlan,
  ChangeSeats: ZChangeSeats,
  ApplyCoupon: ZApplyCoupon,
  RemoveCoupon: ZRemoveCoupon,
  PauseSubscription: ZPauseSubscription,
  ResumeSubscription: ZResumeSubscription,
  ScheduleCancellation: ZScheduleCancellation,
  RevokeCancellation: ZRevokeCancellation,
  CancelSubscription: ZCancelSubscription,
  RenewSubscription: ZRenewSubscription,
  StartTrial: ZStartTrial,
  ConvertTrial: ZConvertTrial,
};

export type SubscriptionCommand = CommandUnionOf<typeof subscriptionCommandSchemas>;
export type SubscriptionCommandType = SubscriptionCommand["type"];
export type SubscriptionCommandOf<T extends SubscriptionCommandType> = Extract<SubscriptionCommand, { type: T }>;
