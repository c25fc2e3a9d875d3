import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZCurrency, ZMinorUnits, ZPositiveAmount, ZSignedMinorUnits } from "../billing/money";
import { ZEntityId, ZInstant } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";

export const ZInvoiceLine = z
  .object({
    description: z.string().min(1),
    quantity: z.number().int().positive(),
    /** Per unit, minor units; negative for a discount or a credit. */
    unitAmount: ZSignedMinorUnits,
    /** quantity * unitAmount */
    amount: ZSignedMinorUnits,
    periodStart: ZInstant.optional(),
    periodEnd: ZInstant.optional(),
    /** The events this line bills for (e.g. the PlanPurchased it charges). */
    sourceEventIds: z.array(z.string().min(1)),
  })
  .strict();
export type InvoiceLine = z.output<typeof ZInvoiceLine>;

export const ZPaymentMethod = z.enum(["card", "bank_transfer", "direct_debit", "check", "cash", "other"], {
  error: 'method must be one of "card", "bank_transfer", "direct_debit", "check", "cash", "other"',
});
export type PaymentMethod = z.output<typeof ZPaymentMethod>;

const ZText = z.string().min(1).max(500);
const ZProviderRef = z.string().min(1).max(200);
const invoice = { invoiceId: ZEntityId };

export const ZInvoiceIssued = z
  .object({
    ...invoice,
    accountId: ZEntityId,
    currency: ZCurrency,
    lines: z.array(ZInvoiceLine).min(1),
    /** Sum of the lines' amounts; never negative. */
    total: ZMinorUnits,
    issuedAt: ZInstant,
    dueAt: ZInstant,
  })
  .strict();
export const ZCreditNoteIssued = z
  .object({
    ...invoice,
    creditNoteId: ZEntityId,
    amount: ZPositiveAmount,
    currency: ZCurrency,
    reason: ZText,
    compensatesEventId: z.string().min(1).optional(),
    issuedAt: ZInstant,
  })
  .strict();
export const ZInvoiceVoided = z.object({ ...invoice, reason: ZText, voidedAt: ZInstant }).strict();
export const ZPaymentRecorded = z
  .object({
    ...invoice,
    paymentId: ZEntityId,
    amount: ZPositiveAmount,
    currency: ZCurrency,
    method: ZPaymentMethod,
    providerRef: ZProviderRef.optional(),
    receivedAt: ZInstant,
  })
  .strict();
export const ZPaymentFailed = z
  .object({
    ...invoice,
    amount: ZPositiveAmount,
    currency: ZCurrency,
    reason: ZText,
    providerRef: ZProviderRef.optional(),
    failedAt: ZInstant,
  })
  .strict();
export const ZPaymentRefunded = z
  .object({
    ...invoice,
    refundId: ZEntityId,
    amount: ZPositiveAmount,
    currency: ZCurrency,
    reason: ZText,
    providerRef: ZProviderRef.optional(),
    /** Set when the refund pays out the part of a credit note above the balance. */
    creditNoteId: ZEntityId.optional(),
    refundedAt: ZInstant,
  })
  .strict();
export const ZInvoiceMarkedUncollectible = z.object({ ...invoice, reason: ZText, markedAt: ZInstant }).strict();

export const invoiceEventSchemas = {
  InvoiceIssued: ZInvoiceIssued,
  CreditNoteIssued: ZCreditNoteIssued,
  InvoiceVoided: ZInvoiceVoided,
  PaymentRecorded: ZPaymentRecorded,
  PaymentFailed: ZPaymentFailed,
  PaymentRefunded: ZPaymentRefunded,
  InvoiceMarkedUncollectible: ZInvoiceMarkedUncollectible,
};

export type InvoiceEvent = EventUnionOf<typeof invoiceEventSchemas>;
export type InvoiceEventType = InvoiceEvent["type"];

/** No personal data in invoice events (the account holds the billing contact). */
export const invoiceEventDefinitions: EventDefinition[] = eventDefinitionsOf(invoiceEventSchemas);
