import { ignoreUnknownEvent } from "../shared/exhaustive";
import type { InvoiceEvent } from "./events";
import type { InvoiceState, InvoiceStatus, IssuedInvoice } from "./state";

/** Applies a recorded fact and re-derives balance and status. Never throws, never validates. */
export function evolveInvoice(state: InvoiceState, event: InvoiceEvent): InvoiceState {
  if (event.type === "InvoiceIssued") {
    const d = event.data;
    return settle({
      status: "open",
      invoiceId: d.invoiceId,
      accountId: d.accountId,
      currency: d.currency,
      lines: d.lines,
      issuedAt: d.issuedAt,
      dueAt: d.dueAt,
      charged: d.total,
      credited: 0,
      paid: 0,
      refunded: 0,
      balance: d.total,
      creditNotes: [],
      payments: [],
      refunds: [],
      failedPayments: [],
      voided: null,
      markedUncollectible: null,
    });
  }
  if (state.status === "none") return state;
  // An amount in another currency than the invoice's does not fit it: it moves none of its figures.
  const currency = (event.data as { currency?: unknown } | null)?.currency;
  if (currency !== undefined && currency !== state.currency) return state;
  return settle(apply(state, event));
}

function apply(s: IssuedInvoice, event: InvoiceEvent): IssuedInvoice {
  switch (event.type) {
    case "InvoiceIssued":
      return s;
    case "CreditNoteIssued": {
      const { creditNoteId, amount, reason, compensatesEventId, issuedAt } = event.data;
      return {
        ...s,
        credited: s.credited + amount,
        creditNotes: [
          ...s.creditNotes,
          { creditNoteId, amount, reason, compensatesEventId: compensatesEventId ?? null, issuedAt },
        ],
      };
    }
    case "InvoiceVoided":
      return { ...s, voided: { reason: event.data.reason, at: event.data.voidedAt } };
    case "PaymentRecorded": {
      const { paymentId, amount, method, providerRef, receivedAt } = event.data;
      return {
        ...s,
        paid: s.paid + amount,
        payments: [...s.payments, { paymentId, amount, method, providerRef: providerRef ?? null, receivedAt }],
      };
    }
    case "PaymentFailed": {
      const { amount, reason, providerRef, failedAt } = event.data;
      return {
        ...s,
        failedPayments: [...s.failedPayments, { amount, reason, providerRef: providerRef ?? null, failedAt }],
      };
    }
    case "PaymentRefunded": {
      const { refundId, amount, reason, providerRef, refundedAt } = event.data;
      return {
        ...s,
        refunded: s.refunded + amount,
        refunds: [...s.refunds, { refundId, amount, reason, providerRef: providerRef ?? null, refundedAt }],
      };
    }
    case "InvoiceMarkedUncollectible":
      return { ...s, markedUncollectible: { reason: event.data.reason, at: event.data.markedAt } };
    default:
      return ignoreUnknownEvent(event, s);
  }
}

/** balance = charged - credited - paid + refunded; status follows from it. */
function settle(s: IssuedInvoice): IssuedInvoice {
  const balance = s.charged - s.credited - s.paid + s.refunded;
  const status: InvoiceStatus = s.voided
    ? "void"
    : balance <= 0
      ? "paid"
      : s.markedUncollectible
        ? "uncollectible"
        : "open";
  return { ...s, balance, status };
}
