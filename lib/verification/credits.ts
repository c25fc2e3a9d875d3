import type { IssuedInvoice } from "@/lib/domain/invoice/state";
import { billedFrom, rederiveBillingEvent } from "./rederive";
import type { CreditCheck, VerificationInput } from "./types";

interface CreditNoteData {
  creditNoteId: string;
  amount: number;
  reason: string;
  compensatesEventId?: string;
}

/**
 * Each credit note on the invoice, by what it does: puts right a line of this
 * invoice (it names the line's billing event), is billing's own credit for a
 * downgrade (re-derived like a line), or is a person's decision (taken as it
 * stands). A refund that pays out a credit note's excess is attached to it.
 */
export function checkCredits(
  input: VerificationInput,
  state: IssuedInvoice,
  lineSources: ReadonlySet<string | null>,
): CreditCheck[] {
  const payouts = new Map<string, { refundId: string; amount: number; position: number }>();
  for (const e of input.invoiceEvents) {
    const d = e.data as { creditNoteId?: string; refundId: string; amount: number };
    if (e.type === "PaymentRefunded" && d.creditNoteId)
      payouts.set(d.creditNoteId, { refundId: d.refundId, amount: d.amount, position: e.position });
  }
  return input.invoiceEvents
    .filter((e) => e.type === "CreditNoteIssued")
    .map((e) => {
      const d = e.data as CreditNoteData;
      const named = d.compensatesEventId ?? null;
      const source = named ? input.sources[named] : undefined;
      const event = source?.stream.at(-1);
      const compensates = named
        ? { eventId: named, position: event?.position ?? null, type: event?.type ?? null }
        : null;
      const base = {
        creditNoteId: d.creditNoteId,
        eventId: e.eventId,
        position: e.position,
        amount: d.amount,
        reason: d.reason,
        compensates,
        refunded: payouts.get(d.creditNoteId) ?? null,
      };
      if (named && lineSources.has(named)) return { ...base, kind: "correction", expected: null } as CreditCheck;
      if (source && event?.type === "ProrationApplied") {
        const again = rederiveBillingEvent(source);
        const expected = again.ok ? billedFrom(event, again.expected, state.accountId, state.invoiceId).credit : null;
        return { ...base, kind: "derived", expected } as CreditCheck;
      }
      return { ...base, kind: "discretionary", expected: null } as CreditCheck;
    });
}
