import { z } from "zod";
import { ZCurrency, ZPositiveAmount } from "../billing/money";
import { ZEntityId, ZInstantInput, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";
import { ZPaymentMethod } from "./events";

export const MAX_INVOICE_LINES = 50;

export const ZInvoiceLineInput = z
  .object({
    description: z
      .string({ error: "description is required" })
      .trim()
      .min(1, { error: "description must not be empty" })
      .max(300),
    quantity: z
      .number({ error: "quantity must be a number" })
      .int({ error: "quantity must be a whole number" })
      .min(1)
      .max(100_000),
    unitAmount: z
      .number({ error: "unitAmount must be a number of minor units" })
      .int({ error: "unitAmount must be a whole number of minor units (e.g. 1999 for 19.99)" })
      .min(-1_000_000_000)
      .max(1_000_000_000),
    periodStart: ZInstantInput.optional(),
    periodEnd: ZInstantInput.optional(),
    sourceEventIds: z.array(z.string().min(1).max(200)).max(20).default([]),
  })
  .strict()
  .superRefine((line, ctx) => {
    if ((line.periodStart === undefined) !== (line.periodEnd === undefined)) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "periodStart and periodEnd go together" });
    } else if (line.periodStart && line.periodEnd && Date.parse(line.periodEnd) <= Date.parse(line.periodStart)) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "periodEnd must be after periodStart" });
    }
  });

const target = { invoiceId: ZEntityId };
const ZProviderRef = z.string().trim().min(1).max(200);

export const ZIssueInvoice = z
  .object({
    /** Omitted: the handler makes one and puts it here before decide. */
    invoiceId: ZEntityId.optional(),
    accountId: ZEntityId,
    currency: ZCurrency,
    lines: z
      .array(ZInvoiceLineInput)
      .min(1, { error: "an invoice needs at least one line" })
      .max(MAX_INVOICE_LINES, { error: `an invoice has at most ${MAX_INVOICE_LINES} lines` }),
    /** Defaults to 14 days after issue. */
    dueAt: ZInstantInput.optional(),
  })
  .strict();
export const ZIssueCreditNote = z
  .object({
    ...target,
    amount: ZPositiveAmount,
    reason: ZReason,
    compensatesEventId: z.string().min(1).max(200).optional(),
  })
  .strict();
export const ZVoidInvoice = z.object({ ...target, reason: ZReason }).strict();
export const ZRecordPayment = z
  .object({
    ...target,
    amount: ZPositiveAmount,
    method: ZPaymentMethod,
    providerRef: ZProviderRef.optional(),
    currency: ZCurrency.optional(),
  })
  .strict();
/** A failed payment and a refund carry the same facts: how much, why, the provider's reference. */
const ZProviderMovement = z
  .object({
    ...target,
    amount: ZPositiveAmount,
    reason: ZReason,
    providerRef: ZProviderRef.optional(),
    currency: ZCurrency.optional(),
  })
  .strict();
export const ZRecordPaymentFailure = ZProviderMovement;
export const ZRefundPayment = ZProviderMovement;
export const ZMarkInvoiceUncollectible = z.object({ ...target, reason: ZReason }).strict();

export const invoiceCommandSchemas = {
  IssueInvoice: ZIssueInvoice,
  IssueCreditNote: ZIssueCreditNote,
  VoidInvoice: ZVoidInvoice,
  RecordPayment: ZRecordPayment,
  RecordPaymentFailure: ZRecordPaymentFailure,
  RefundPayment: ZRefundPayment,
  MarkInvoiceUncollectible: ZMarkInvoiceUncollectible,
};

export type InvoiceCommand = CommandUnionOf<typeof invoiceCommandSchemas>;
export type InvoiceCommandType = InvoiceCommand["type"];
export type InvoiceCommandOf<T extends InvoiceCommandType> = Extract<InvoiceCommand, { type: T }>;
export type IssueInvoiceData = z.input<typeof ZIssueInvoice>;
