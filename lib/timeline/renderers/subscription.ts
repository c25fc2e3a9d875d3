import type { SubscriptionEvent } from "@/lib/domain";
import type { SubscriptionEventData } from "@/lib/domain/subscription/events";
import { utcDayNumber } from "@/lib/domain/shared/time";
import { count, day, minorUnits, money, perPeriod, plan, type RenderersOf } from "./format";

type Period = SubscriptionEventData<"TrialConverted">;
type Charge = SubscriptionEventData<"SubscriptionRenewed">;

/** "Pro (annual) for 5 seats at USD 990.00 per seat per year, period 2026-01-01 to 2027-01-01" */
const terms = (d: Period) =>
  `${plan(d.plan)} (${d.interval}) for ${count(d.seats, "seat")} at ${money(d.unitPrice, d.currency)} per seat ` +
  `per ${perPeriod(d.interval)}, period ${day(d.periodStart)} to ${day(d.periodEnd)}`;

const creditUsed = (amount: number, currency: string) =>
  amount > 0 ? `; ${money(amount, currency)} of account credit used` : "";

/** What a renewal or a resume applied besides the plan: a scheduled downgrade, a coupon, account credit. */
const applied = (d: Charge) => {
  const downgrade = d.downgradedFrom ? `; the scheduled downgrade from ${plan(d.downgradedFrom)} took effect` : "";
  const left = d.discount?.periodsRemaining ? count(d.discount.periodsRemaining, "more period") : "its last period";
  const coupon = d.discount
    ? `; coupon ${d.discount.code} took ${money(d.discount.amount, d.currency)} off (${left})`
    : "";
  return `${downgrade}${coupon}${creditUsed(d.creditApplied, d.currency)}`;
};

/** Where a proration credit went: a credit note on the period's invoice, account credit, or both. */
const creditSplit = (d: SubscriptionEventData<"ProrationApplied">) => {
  const onInvoice = d.creditInvoiceId ? `on invoice ${d.creditInvoiceId}` : "on the period's invoice";
  const carried = "carried forward as account credit";
  if (d.creditCarriedForward === 0) return onInvoice;
  if (d.creditedAmount === 0) return carried;
  return `${money(d.creditedAmount, d.currency)} ${onInvoice}, ${money(d.creditCarriedForward, d.currency)} ${carried}`;
};

const prorationEffect = (d: SubscriptionEventData<"ProrationApplied">) => {
  const days = `${d.daysRemaining} of ${count(d.periodDays, "day")} remaining`;
  if (d.amount > 0) return `charged ${money(d.amount, d.currency)} for ${days}`;
  if (d.amount === 0) return `nothing to charge or credit for ${days}`;
  return `credited ${money(-d.amount, d.currency)} for ${days} (${creditSplit(d)})`;
};

const couponDiscount = (d: SubscriptionEventData<"CouponApplied">) => {
  if (d.percentOff !== undefined) return ` (${d.percentOff}% off)`;
  if (d.amountOff === undefined) return "";
  return ` (${d.currency ? money(d.amountOff, d.currency) : minorUnits(d.amountOff)} off)`;
};

export const subscriptionRenderers: RenderersOf<SubscriptionEvent> = {
  TrialStarted: (d) => {
    const days = utcDayNumber(d.trialEnd) - utcDayNumber(d.trialStart);
    const length = days > 0 ? ` (${count(days, "day")})` : "";
    return `started a trial of ${plan(d.plan)} for ${count(d.seats, "seat")} until ${day(d.trialEnd)}${length}`;
  },
  TrialConverted: (d) => `converted the trial to ${terms(d)}`,
  PlanPurchased: (d) => `purchased ${terms(d)}${creditUsed(d.creditApplied, d.currency)}`,
  PlanUpgraded: (d) => `upgraded ${plan(d.fromPlan)} to ${plan(d.toPlan)}, effective immediately`,
  PlanDowngraded: (d) =>
    `downgraded ${plan(d.fromPlan)} to ${plan(d.toPlan)}, ` +
    (d.when === "now" ? "effective immediately" : `effective at period end (${day(d.effectiveAt)})`),
  SeatsChanged: (d) =>
    d.seats === d.seatsBefore
      ? `kept ${count(d.seats, "seat")}`
      : `${d.seats > d.seatsBefore ? "increased" : "reduced"} seats from ${d.seatsBefore} to ${d.seats}`,
  ProrationApplied: (d) => {
    const change =
      d.reason === "seats"
        ? `the seat change from ${d.seatsBefore} to ${d.seatsAfter} on ${plan(d.toPlan)}`
        : `the change from ${plan(d.fromPlan)} to ${plan(d.toPlan)}`;
    return `prorated ${change}: ${prorationEffect(d)}`;
  },
  CouponApplied: (d) =>
    `applied coupon ${d.code}${couponDiscount(d)} for ${count(d.durationPeriods, "billing period")}`,
  CouponRemoved: (d) => `removed coupon ${d.code}`,
  SubscriptionPaused: () => "paused the subscription",
  SubscriptionResumed: (d) => `resumed the subscription on ${terms(d)}${applied(d)}`,
  CancellationScheduled: (d) =>
    d.when === "now"
      ? "requested cancellation, effective immediately"
      : `scheduled cancellation at period end (${day(d.effectiveAt)})`,
  CancellationRevoked: (d) => `revoked the cancellation scheduled for ${day(d.effectiveAt)}`,
  SubscriptionCanceled: (d) => `canceled the subscription, effective ${day(d.canceledAt)}`,
  SubscriptionRenewed: (d) => `renewed ${terms(d)}${applied(d)}`,
};
