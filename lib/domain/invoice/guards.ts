import { formatMoney } from "../billing/money";
import { reject } from "../shared/domain-error";
import { utcDate } from "../shared/time";
import type { InvoiceState, IssuedInvoice } from "./state";

/** An issued, not voided invoice; a stated currency must be the invoice's. */
export function requireCollectible(state: InvoiceState, action: string, currency?: string): IssuedInvoice {
  if (state.status === "none") reject("INVOICE_NOT_FOUND", `There is no invoice with this id, so we can't ${action}.`);
  if (state.status === "void") {
    reject(
      "INVOICE_VOIDED",
      `Invoice ${state.invoiceId} was voided on ${utcDate(state.voided?.at ?? state.issuedAt)}; nothing more can be recorded on it.`,
    );
  }
  if (currency !== undefined && currency !== state.currency) {
    reject("CURRENCY_MISMATCH", `Invoice ${state.invoiceId} is in ${state.currency}, not ${currency}.`, {
      currency: state.currency,
    });
  }
  return state;
}

export const money = (invoice: IssuedInvoice, amount: number) => formatMoney(amount, invoice.currency);
