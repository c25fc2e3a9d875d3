import { freshId, nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import type { InvoiceCommandOf } from "./commands";
import type { InvoiceEvent } from "./events";
import { money, requireCollectible } from "./guards";
import { netPaid, type InvoiceState } from "./state";

/**
 * A credit never exceeds what was charged minus what was already credited.
 * When it exceeds the balance (the invoice was paid), the excess is refunded
 * in the same decision; the refund comes first so the balance never dips
 * below zero, even between the two events.
 */
export function decideIssueCreditNote(
  state: InvoiceState,
  command: InvoiceCommandOf<"IssueCreditNote">,
): InvoiceEvent[] {
  const invoice = requireCollectible(state, "issue a credit note");
  const { amount, reason, compensatesEventId } = command.data;
  if (compensatesEventId !== undefined) {
    const earlier = invoice.creditNotes.find((note) => note.compensatesEventId === compensatesEventId);
    if (earlier) {
      reject(
        "CREDIT_ALREADY_ISSUED",
        `Credit note ${earlier.creditNoteId} already compensates that event; it is not credited twice.`,
        {
          creditNoteId: earlier.creditNoteId,
        },
      );
    }
  }
  const creditable = invoice.charged - invoice.credited;
  if (amount > creditable) {
    reject(
      "CREDIT_EXCEEDS_CHARGED",
      `A credit of ${money(invoice, amount)} is more than the ${money(invoice, creditable)} that invoice ${invoice.invoiceId} can still be credited.`,
      { creditable },
    );
  }
  const now = nowOf(command);
  const creditNoteId = freshId(command, 0);
  const excess = amount - invoice.balance;
  const refund: InvoiceEvent[] =
    excess > 0
      ? [
          {
            type: "PaymentRefunded",
            data: {
              invoiceId: invoice.invoiceId,
              refundId: freshId(command, 1),
              amount: excess,
              currency: invoice.currency,
              reason: `Refund of the part of credit note ${creditNoteId} above the amount still due`,
              creditNoteId,
              refundedAt: now,
            },
          },
        ]
      : [];
  return [
    ...refund,
    {
      type: "CreditNoteIssued",
      data: {
        invoiceId: invoice.invoiceId,
        creditNoteId,
        amount,
        currency: invoice.currency,
        reason,
        ...(compensatesEventId !== undefined ? { compensatesEventId } : {}),
        issuedAt: now,
      },
    },
  ];
}

export function decideVoidInvoice(state: InvoiceState, command: InvoiceCommandOf<"VoidInvoice">): InvoiceEvent[] {
  const invoice = requireCollectible(state, "void it");
  if (netPaid(invoice) > 0) {
    reject(
      "INVOICE_HAS_PAYMENTS",
      `Invoice ${invoice.invoiceId} has ${money(invoice, netPaid(invoice))} in payments, so it can't be voided; refund the payments or issue a credit note instead.`,
      { netPaid: netPaid(invoice) },
    );
  }
  return [
    {
      type: "InvoiceVoided",
      data: { invoiceId: invoice.invoiceId, reason: command.data.reason, voidedAt: nowOf(command) },
    },
  ];
}

export function decideRefundPayment(state: InvoiceState, command: InvoiceCommandOf<"RefundPayment">): InvoiceEvent[] {
  const { amount, reason, providerRef, currency } = command.data;
  const invoice = requireCollectible(state, "refund a payment", currency);
  if (providerRef !== undefined && invoice.refunds.some((r) => r.providerRef === providerRef)) {
    reject("REFUND_ALREADY_RECORDED", `The refund ${providerRef} is already recorded on invoice ${invoice.invoiceId}.`);
  }
  if (amount > netPaid(invoice)) {
    reject(
      "REFUND_EXCEEDS_PAYMENTS",
      `A refund of ${money(invoice, amount)} is more than the ${money(invoice, netPaid(invoice))} paid and not yet refunded on invoice ${invoice.invoiceId}.`,
      { refundable: netPaid(invoice) },
    );
  }
  return [
    {
      type: "PaymentRefunded",
      data: {
        invoiceId: invoice.invoiceId,
        refundId: freshId(command),
        amount,
        currency: invoice.currency,
        reason,
        ...(providerRef !== undefined ? { providerRef } : {}),
        refundedAt: nowOf(command),
      },
    },
  ];
}
