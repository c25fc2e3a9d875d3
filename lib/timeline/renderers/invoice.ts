import type { InvoiceEvent } from "@/lib/domain";
import type { PaymentMethod } from "@/lib/domain/invoice/events";
import { colon, count, day, money, type RenderersOf } from "./format";

/** "recorded a card payment of …", "recorded a bank transfer of …", "recorded a payment of …" (other). */
const METHODS: Record<PaymentMethod, string> = {
  card: "a card payment",
  bank_transfer: "a bank transfer",
  direct_debit: "a direct debit payment",
  check: "a check payment",
  cash: "a cash payment",
  other: "a payment",
};

const creditNote = (id: string | undefined) => (id ? ` (the part of credit note ${id} above the balance)` : "");
const ref = (providerRef: string | undefined) => (providerRef ? ` (ref ${providerRef})` : "");

export const invoiceRenderers: RenderersOf<InvoiceEvent> = {
  InvoiceIssued: (d) =>
    `issued invoice ${d.invoiceId} for ${money(d.total, d.currency)} (${count(d.lines.length, "line")}), due ${day(d.dueAt)}`,
  CreditNoteIssued: (d) =>
    `issued a credit note of ${money(d.amount, d.currency)} on invoice ${d.invoiceId}${colon(d.reason)}`,
  InvoiceVoided: (d) => `voided invoice ${d.invoiceId}${colon(d.reason)}`,
  PaymentRecorded: (d) =>
    `recorded ${METHODS[d.method]} of ${money(d.amount, d.currency)} on invoice ${d.invoiceId}${ref(d.providerRef)}`,
  PaymentFailed: (d) =>
    `recorded a failed payment of ${money(d.amount, d.currency)} on invoice ${d.invoiceId}${ref(d.providerRef)}${colon(d.reason)}`,
  PaymentRefunded: (d) =>
    `refunded ${money(d.amount, d.currency)} on invoice ${d.invoiceId}${creditNote(d.creditNoteId)}` +
    `${ref(d.providerRef)}${colon(d.reason)}`,
  InvoiceMarkedUncollectible: (d) => `marked invoice ${d.invoiceId} uncollectible${colon(d.reason)}`,
};
