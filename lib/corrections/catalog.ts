import { COUPONS } from "@/lib/domain/catalog/coupons";
import { PLAN_CODES, PLANS } from "@/lib/domain/catalog/plans";
import type { CommandType } from "@/lib/domain";

/** Where a correction is offered: the page of the aggregate it targets. */
export type CorrectionTarget = "account" | "invoice" | "lead";

export type FieldKind = "money" | "integer" | "text" | "email" | "choice";

export interface CorrectionField {
  name: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
  options?: readonly { value: string; label: string }[];
  hint?: string;
}

export interface Correction {
  type: CommandType;
  /** What the admin picks ("Issue a credit note"). */
  label: string;
  target: CorrectionTarget;
  /** The fields the admin fills (the target id comes from the page; the reason is always asked). */
  fields: readonly CorrectionField[];
  /** The command's data has its own `reason` field (else the reason goes in the events' metadata only). */
  reasonInData?: boolean;
}

const WHEN = [
  { value: "now", label: "now" },
  { value: "period_end", label: "at the end of the period" },
] as const;
const PLAN_OPTIONS = PLAN_CODES.map((code) => ({ value: code, label: PLANS[code].name }));
const COUPON_OPTIONS = COUPONS.map((c) => ({ value: c.code, label: `${c.code}: ${c.description}` }));

/**
 * The corrective commands the pages offer an admin, each a command the API
 * also takes (same handler, same rules); the order is the order on the page.
 */
export const CORRECTIONS: readonly Correction[] = [
  {
    type: "IssueCreditNote",
    label: "Issue a credit note",
    target: "invoice",
    reasonInData: true,
    fields: [
      { name: "amount", label: "Amount", kind: "money" },
      {
        name: "compensatesEventId",
        label: "Compensates event (id)",
        kind: "text",
        optional: true,
        hint: "the duplicated or wrong event this credit undoes; the timeline links the two",
      },
    ],
  },
  {
    type: "RefundPayment",
    label: "Refund a payment",
    target: "invoice",
    reasonInData: true,
    fields: [
      { name: "amount", label: "Amount", kind: "money" },
      { name: "providerRef", label: "Provider reference", kind: "text", optional: true },
    ],
  },
  { type: "VoidInvoice", label: "Void the invoice", target: "invoice", reasonInData: true, fields: [] },
  { type: "MarkInvoiceUncollectible", label: "Mark uncollectible", target: "invoice", reasonInData: true, fields: [] },
  {
    type: "UpgradePlan",
    label: "Upgrade the plan",
    target: "account",
    fields: [{ name: "plan", label: "Plan", kind: "choice", options: PLAN_OPTIONS }],
  },
  {
    type: "DowngradePlan",
    label: "Downgrade the plan",
    target: "account",
    fields: [
      { name: "plan", label: "Plan", kind: "choice", options: PLAN_OPTIONS },
      { name: "when", label: "When", kind: "choice", options: WHEN },
    ],
  },
  {
    type: "ChangeSeats",
    label: "Change seats",
    target: "account",
    fields: [{ name: "seats", label: "Seats", kind: "integer" }],
  },
  {
    type: "ApplyCoupon",
    label: "Apply a coupon",
    target: "account",
    fields: [{ name: "code", label: "Coupon", kind: "choice", options: COUPON_OPTIONS }],
  },
  { type: "RemoveCoupon", label: "Remove the coupon", target: "account", fields: [] },
  {
    type: "ScheduleCancellation",
    label: "Schedule a cancellation",
    target: "account",
    fields: [{ name: "when", label: "When", kind: "choice", options: WHEN }],
  },
  { type: "RevokeCancellation", label: "Revoke the cancellation", target: "account", fields: [] },
  { type: "PauseSubscription", label: "Pause the subscription", target: "account", fields: [] },
  { type: "ResumeSubscription", label: "Resume the subscription", target: "account", fields: [] },
  {
    type: "RenameAccount",
    label: "Rename the account",
    target: "account",
    fields: [{ name: "name", label: "Name", kind: "text" }],
  },
  {
    type: "ChangeBillingContact",
    label: "Change the billing contact",
    target: "account",
    fields: [
      { name: "billingEmail", label: "Billing email", kind: "email" },
      { name: "contactName", label: "Contact name", kind: "text", optional: true },
    ],
  },
  {
    type: "AssignLead",
    label: "Reassign the lead",
    target: "lead",
    fields: [{ name: "ownerId", label: "New owner (id)", kind: "text" }],
  },
  { type: "QualifyLead", label: "Qualify the lead", target: "lead", fields: [] },
];

export const TARGET_KEY: Record<CorrectionTarget, string> = {
  account: "accountId",
  invoice: "invoiceId",
  lead: "leadId",
};

export function correctionOf(type: string): Correction | undefined {
  return CORRECTIONS.find((c) => c.type === type);
}

export const correctionsFor = (target: CorrectionTarget) => CORRECTIONS.filter((c) => c.target === target);
