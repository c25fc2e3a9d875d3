import { planName } from "../catalog/plans";
import type { AccountCommand } from "../account/commands";
import type { InvoiceCommand } from "../invoice/commands";
import type { ApprovalEvent } from "../approval/events";
import type { LeadEvent } from "../lead/events";
import type { SubscriptionEvent, SubscriptionEventData } from "../subscription/events";
import type { Command } from "../shared/decider";
import { normalizeInstant, utcDate } from "../shared/time";
import { formatMoney } from "./money";
import { describeCoupon, type PeriodDiscount } from "./period-charge";

/** A recorded event as the reactor sees it (data already upcast to the current schema). */
export interface PolicyTrigger {
  type: string;
  data: unknown;
  eventId: string;
  streamId: string;
  accountId: string;
}

type IssueInvoice = Extract<InvoiceCommand, { type: "IssueInvoice" }>;
type IssueCreditNote = Extract<InvoiceCommand, { type: "IssueCreditNote" }>;
type OpenAccount = Extract<AccountCommand, { type: "OpenAccount" }>;
type RefundPayment = Extract<InvoiceCommand, { type: "RefundPayment" }>;
export type PolicyCommand = IssueInvoice | IssueCreditNote | RefundPayment | OpenAccount;
type Line = IssueInvoice["data"]["lines"][number];

/** The event types billingPolicy reacts to (it returns no commands for any other). */
export const BILLING_POLICY_TRIGGERS = [
  "PlanPurchased",
  "TrialConverted",
  "SubscriptionRenewed",
  "SubscriptionResumed",
  "ProrationApplied",
  "LeadConverted",
  "ApprovalGranted",
] as const;

/**
 * The billing reactor: what follows from a recorded event. Pure and
 * deterministic: the same event always gives the same commands, and every id
 * they create comes from the event (the invoice id it carries, the lead's
 * prospective account id), so the handler can append with expectedVersion
 * "no_stream" and a replay is harmless. Credit notes are deduplicated by
 * compensatesEventId on the invoice. Fresh ids (credit note, refund) are left
 * to the handler.
 */
export function billingPolicy(trigger: PolicyTrigger, now: string): PolicyCommand[] {
  const event = { type: trigger.type, data: trigger.data } as SubscriptionEvent | LeadEvent | ApprovalEvent;
  const context = { now: normalizeInstant(now) };
  const source = [trigger.eventId];
  switch (event.type) {
    case "PlanPurchased":
    case "TrialConverted":
    case "SubscriptionRenewed":
    case "SubscriptionResumed": {
      const d = event.data;
      const discount = "discount" in d ? d.discount : null;
      const credit = "creditApplied" in d ? d.creditApplied : 0;
      const downgradedFrom = "downgradedFrom" in d ? d.downgradedFrom : null;
      const lines = [planLine(d, downgradedFrom, source)];
      if (discount && discount.amount > 0) lines.push(discountLine(discount, d.currency, source));
      if (credit > 0)
        lines.push({
          description: "Account credit from earlier plan changes",
          quantity: 1,
          unitAmount: -credit,
          sourceEventIds: source,
        });
      return [issueInvoice(d.invoiceId, trigger.accountId, d.currency, lines, context)];
    }
    case "ProrationApplied": {
      const d = event.data;
      if (d.amount > 0 && d.chargeInvoiceId) {
        const line: Line = {
          description: prorationDescription(d),
          quantity: 1,
          unitAmount: d.amount,
          periodStart: d.changedAt,
          periodEnd: d.periodEnd,
          sourceEventIds: source,
        };
        return [issueInvoice(d.chargeInvoiceId, trigger.accountId, d.currency, [line], context)];
      }
      if (d.amount < 0 && d.creditInvoiceId && d.creditedAmount > 0) {
        const carried =
          d.creditCarriedForward > 0
            ? `; ${formatMoney(d.creditCarriedForward, d.currency)} more kept as account credit`
            : "";
        return [
          {
            type: "IssueCreditNote",
            data: {
              invoiceId: d.creditInvoiceId,
              amount: d.creditedAmount,
              reason: `${prorationDescription(d)}${carried}`,
              compensatesEventId: trigger.eventId,
            },
            context,
          },
        ];
      }
      return [];
    }
    case "LeadConverted":
      return [
        {
          type: "OpenAccount",
          data: {
            accountId: event.data.accountId,
            name: event.data.company,
            billingEmail: event.data.email,
            currency: "USD",
          },
          context,
        },
      ];
    // Four eyes: the approved correction, exactly as it was asked for (its data carries its reason).
    case "ApprovalGranted":
      return [
        { type: event.data.commandType, data: event.data.commandData, context } as IssueCreditNote | RefundPayment,
      ];
    default:
      return [];
  }
}

function issueInvoice(
  invoiceId: string,
  accountId: string,
  currency: string,
  lines: Line[],
  context: Command["context"],
): IssueInvoice {
  return { type: "IssueInvoice", data: { invoiceId, accountId, currency, lines }, context };
}

function planLine(d: SubscriptionEventData<"TrialConverted">, downgradedFrom: string | null, source: string[]): Line {
  const seats = `${d.seats} seat${d.seats === 1 ? "" : "s"}`;
  const was = downgradedFrom ? `, downgraded from ${planName(downgradedFrom)}` : "";
  return {
    description: `${planName(d.plan)} plan (${d.interval}${was}), ${seats} × ${formatMoney(d.unitPrice, d.currency)}, ${utcDate(d.periodStart)} to ${utcDate(d.periodEnd)}`,
    quantity: d.seats,
    unitAmount: d.unitPrice,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    sourceEventIds: source,
  };
}

function discountLine(discount: PeriodDiscount, currency: string, source: string[]): Line {
  const left = discount.periodsRemaining === 0 ? "last period" : `${discount.periodsRemaining} more period(s)`;
  return {
    description: `Coupon ${describeCoupon(discount, currency)}, ${left}`,
    quantity: 1,
    unitAmount: -discount.amount,
    sourceEventIds: source,
  };
}

function prorationDescription(d: SubscriptionEventData<"ProrationApplied">): string {
  const change =
    d.reason === "seats"
      ? `Seats ${d.seatsBefore} to ${d.seatsAfter} on ${planName(d.toPlan)}`
      : `${d.reason === "upgrade" ? "Upgrade" : "Downgrade"} from ${planName(d.fromPlan)} to ${planName(d.toPlan)} (${d.seatsAfter} seat${d.seatsAfter === 1 ? "" : "s"})`;
  const before = formatMoney(d.unitPriceBefore * d.seatsBefore, d.currency);
  const after = formatMoney(d.unitPriceAfter * d.seatsAfter, d.currency);
  return `${change}: ${before} to ${after} per ${d.interval === "annual" ? "year" : "month"}, prorated for ${d.daysRemaining} of ${d.periodDays} days remaining (${d.daysUsed} used)`;
}
