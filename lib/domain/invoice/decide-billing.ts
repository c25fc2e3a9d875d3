import { freshId, nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import { addUtcDays, isBefore, normalizeInstant } from "../shared/time";
import type { InvoiceCommandOf } from "./commands";
import type { InvoiceEvent, InvoiceLine } from "./events";
import { money, requireCollectible } from "./guards";
import type { InvoiceState } from "./state";

/** Days from issue to due when IssueInvoice names no dueAt. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 14;

export function decideIssueInvoice(state: InvoiceState, command: InvoiceCommandOf<"IssueInvoice">): InvoiceEvent[] {
  const now = nowOf(command);
  if (state.status !== "none") {
    reject("INVOICE_ALREADY_ISSUED", `Invoice ${state.invoiceId} has already been issued; an invoice is issued once.`, {
      invoiceId: state.invoiceId,
    });
  }
  const { invoiceId, accountId, currency } = command.data;
  if (!invoiceId) throw new Error("IssueInvoice reached decide without an invoiceId; the handler must fill it in");
  const lines: InvoiceLine[] = command.data.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unitAmount: line.unitAmount,
    amount: line.quantity * line.unitAmount,
    ...(line.periodStart && line.periodEnd
      ? { periodStart: normalizeInstant(line.periodStart), periodEnd: normalizeInstant(line.periodEnd) }
      : {}),
    sourceEventIds: line.sourceEventIds,
  }));
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  if (total < 0) {
    reject(
      "INVOICE_TOTAL_NEGATIVE",
      "The invoice lines add up to less than zero; issue a credit note on the original invoice instead.",
      { total },
    );
  }
  const dueAt = command.data.dueAt ? normalizeInstant(command.data.dueAt) : addUtcDays(now, DEFAULT_PAYMENT_TERMS_DAYS);
  if (isBefore(dueAt, now))
    reject("DUE_DATE_IN_PAST", "The due date is before the issue date; choose a due date on or after today.");
  return [{ type: "InvoiceIssued", data: { invoiceId, accountId, currency, lines, total, issuedAt: now, dueAt } }];
}

export function decideRecordPayment(state: InvoiceState, command: InvoiceCommandOf<"RecordPayment">): InvoiceEvent[] {
  const { amount, method, providerRef, currency } = command.data;
  const invoice = requireCollectible(state, "record a payment", currency);
  if (providerRef !== undefined && invoice.payments.some((p) => p.providerRef === providerRef)) {
    reject(
      "PAYMENT_ALREADY_RECORDED",
      `The payment ${providerRef} is already recorded on invoice ${invoice.invoiceId}.`,
    );
  }
  if (invoice.balance <= 0)
    reject("INVOICE_ALREADY_PAID", `Invoice ${invoice.invoiceId} is already paid in full; nothing is due.`);
  if (amount > invoice.balance) {
    reject(
      "PAYMENT_EXCEEDS_BALANCE",
      `The payment of ${money(invoice, amount)} is more than the ${money(invoice, invoice.balance)} still due on invoice ${invoice.invoiceId}.`,
      { balance: invoice.balance },
    );
  }
  return [
    {
      type: "PaymentRecorded",
      data: {
        invoiceId: invoice.invoiceId,
        paymentId: freshId(command),
        amount,
        currency: invoice.currency,
        method,
        ...(providerRef !== undefined ? { providerRef } : {}),
        receivedAt: nowOf(command),
      },
    },
  ];
}

export function decideRecordPaymentFailure(
  state: InvoiceState,
  command: InvoiceCommandOf<"RecordPaymentFailure">,
): InvoiceEvent[] {
  const { amount, reason, providerRef, currency } = command.data;
  const invoice = requireCollectible(state, "record a failed payment", currency);
  if (invoice.balance <= 0)
    reject(
      "INVOICE_ALREADY_PAID",
      `Invoice ${invoice.invoiceId} is already paid in full; a failed payment attempt does not apply.`,
    );
  return [
    {
      type: "PaymentFailed",
      data: {
        invoiceId: invoice.invoiceId,
        amount,
        currency: invoice.currency,
        reason,
        ...(providerRef !== undefined ? { providerRef } : {}),
        failedAt: nowOf(command),
      },
    },
  ];
}

export function decideMarkUncollectible(
  state: InvoiceState,
  command: InvoiceCommandOf<"MarkInvoiceUncollectible">,
): InvoiceEvent[] {
  const invoice = requireCollectible(state, "mark it uncollectible");
  if (invoice.balance <= 0)
    reject(
      "NOTHING_TO_COLLECT",
      `Invoice ${invoice.invoiceId} has nothing outstanding, so it can't be marked uncollectible.`,
    );
  if (invoice.markedUncollectible)
    reject("INVOICE_ALREADY_UNCOLLECTIBLE", `Invoice ${invoice.invoiceId} is already marked uncollectible.`);
  return [
    {
      type: "InvoiceMarkedUncollectible",
      data: { invoiceId: invoice.invoiceId, reason: command.data.reason, markedAt: nowOf(command) },
    },
  ];
}
