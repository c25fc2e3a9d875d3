import { formatMoney } from "../billing/money";
import { utcDate } from "../shared/time";
import type { InvoiceLine, PaymentMethod } from "./events";

/**
 * An invoice (stream `invoice-<invoiceId>`). Plain JSON.
 * Invariant: balance = charged - credited - paid + refunded, and balance >= 0.
 * A void invoice keeps its balance figure but nothing is collected on it.
 */
export type InvoiceState = NoInvoice | IssuedInvoice;

export interface NoInvoice {
  status: "none";
  accountId: null;
  invoiceId: null;
}

export type InvoiceStatus = "open" | "paid" | "void" | "uncollectible";

export interface IssuedInvoice {
  /** open: balance > 0; paid: nothing left to pay; uncollectible: written off with balance > 0; void: canceled. */
  status: InvoiceStatus;
  invoiceId: string;
  accountId: string;
  currency: string;
  lines: InvoiceLine[];
  issuedAt: string;
  dueAt: string;
  /** The invoice total. */
  charged: number;
  credited: number;
  /** Gross payments received. */
  paid: number;
  refunded: number;
  balance: number;
  creditNotes: {
    creditNoteId: string;
    amount: number;
    reason: string;
    compensatesEventId: string | null;
    issuedAt: string;
  }[];
  payments: {
    paymentId: string;
    amount: number;
    method: PaymentMethod;
    providerRef: string | null;
    receivedAt: string;
  }[];
  refunds: { refundId: string; amount: number; reason: string; providerRef: string | null; refundedAt: string }[];
  failedPayments: { amount: number; reason: string; providerRef: string | null; failedAt: string }[];
  voided: { reason: string; at: string } | null;
  markedUncollectible: { reason: string; at: string } | null;
}

export const initialInvoiceState = (): InvoiceState => ({ status: "none", accountId: null, invoiceId: null });

/** Net payments: what the customer paid and kept paid. */
export const netPaid = (invoice: IssuedInvoice) => invoice.paid - invoice.refunded;

/** One line for an API or a support screen. */
export function summarizeInvoice(state: InvoiceState): string {
  if (state.status === "none") return "No invoice.";
  const money = (amount: number) => formatMoney(amount, state.currency);
  const head = `Invoice ${state.invoiceId} for ${money(state.charged)}, issued ${utcDate(state.issuedAt)}, due ${utcDate(state.dueAt)}`;
  const flows = [
    state.credited > 0 ? `credited ${money(state.credited)}` : null,
    state.paid > 0 ? `paid ${money(state.paid)}` : null,
    state.refunded > 0 ? `refunded ${money(state.refunded)}` : null,
  ].filter(Boolean);
  const tail = flows.length ? `; ${flows.join(", ")}` : "";
  switch (state.status) {
    case "void":
      return `${head}: void (${state.voided?.reason ?? "no reason"})${tail}.`;
    case "paid":
      return `${head}: paid${tail}.`;
    case "uncollectible":
      return `${head}: uncollectible, ${money(state.balance)} outstanding${tail}.`;
    case "open":
      return `${head}: open, ${money(state.balance)} outstanding${tail}.`;
  }
}
