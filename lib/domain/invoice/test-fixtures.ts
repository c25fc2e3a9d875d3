import type { z } from "zod";
import { commandFrom } from "../shared/testing";
import { invoiceCommandSchemas } from "./commands";
import type { InvoiceEvent } from "./events";

export const INVOICE = "inv-1";
export const ISSUED_AT = "2025-01-15T10:00:00.000Z";
export const at = (date: string) => `${date}T12:00:00.000Z`;

type Schemas = typeof invoiceCommandSchemas;

export function inv<T extends keyof Schemas>(
  type: T,
  data: Omit<z.input<Schemas[T]>, "invoiceId">,
  now = at("2025-01-20"),
  ids?: string[],
) {
  return commandFrom(invoiceCommandSchemas, type, { invoiceId: INVOICE, ...data } as z.input<Schemas[T]>, now, ids);
}

export const issued = (total = 29700): InvoiceEvent => ({
  type: "InvoiceIssued",
  data: {
    invoiceId: INVOICE,
    accountId: "acme",
    currency: "USD",
    lines: [{ description: "Pro plan", quantity: 1, unitAmount: total, amount: total, sourceEventIds: ["evt-1"] }],
    total,
    issuedAt: ISSUED_AT,
    dueAt: "2025-01-29T10:00:00.000Z",
  },
});

export const paid = (amount: number, paymentId = "pay-1", providerRef?: string): InvoiceEvent => ({
  type: "PaymentRecorded",
  data: {
    invoiceId: INVOICE,
    paymentId,
    amount,
    currency: "USD",
    method: "card",
    ...(providerRef ? { providerRef } : {}),
    receivedAt: at("2025-01-16"),
  },
});

export const credited = (amount: number, creditNoteId = "cn-1", compensatesEventId?: string): InvoiceEvent => ({
  type: "CreditNoteIssued",
  data: {
    invoiceId: INVOICE,
    creditNoteId,
    amount,
    currency: "USD",
    reason: "Goodwill",
    ...(compensatesEventId ? { compensatesEventId } : {}),
    issuedAt: at("2025-01-17"),
  },
});

export const refunded = (amount: number, refundId = "rf-1"): InvoiceEvent => ({
  type: "PaymentRefunded",
  data: {
    invoiceId: INVOICE,
    refundId,
    amount,
    currency: "USD",
    reason: "Customer request",
    refundedAt: at("2025-01-18"),
  },
});

export const voided = (): InvoiceEvent => ({
  type: "InvoiceVoided",
  data: { invoiceId: INVOICE, reason: "Issued by mistake", voidedAt: at("2025-01-18") },
});

/** The same fact in another currency (the fixtures above are in USD). */
export const inCurrency = (currency: string, event: InvoiceEvent): InvoiceEvent =>
  ({ ...event, data: { ...event.data, currency } }) as InvoiceEvent;
