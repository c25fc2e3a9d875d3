import { formatMoney } from "@/lib/domain/billing/money";
import type { InvoiceEvent, InvoiceLine } from "@/lib/domain/invoice/events";
import { evolveInvoice } from "@/lib/domain/invoice/evolve";
import { initialInvoiceState, type IssuedInvoice } from "@/lib/domain/invoice/state";
import { describeDifference, explainDifferences } from "./explain";
import { checkCredits } from "./credits";
import { billedFrom, type ExpectedLine, rederiveBillingEvent } from "./rederive";
import type { EventRef, InvoiceVerification, LineCheck, Mismatch, VerificationInput } from "./types";

const asLine = (l: InvoiceLine): ExpectedLine => ({
  description: l.description,
  quantity: l.quantity,
  unitAmount: l.unitAmount,
  amount: l.amount,
});

/**
 * What the invoice should say, re-derived from the log with the domain's own
 * functions, against what it says. A line is right when deciding its billing
 * event again (same state, same price list) and billing that gives the same
 * amount; a wrong line is put right when credit notes that name its event
 * credit exactly the difference. Null when the invoice was not issued by then.
 */
export function verifyInvoice(input: VerificationInput): InvoiceVerification | null {
  const state = input.invoiceEvents.reduce(
    (s, e) => evolveInvoice(s, e as unknown as InvoiceEvent),
    initialInvoiceState(),
  );
  if (state.status === "none") return null;
  const money = (amount: number) => formatMoney(amount, state.currency);
  const mismatches: Mismatch[] = [];
  const notes: string[] = [];

  // Lines, grouped by the billing event they name (the policy bills one event's lines together).
  const groups = new Map<string | null, InvoiceLine[]>();
  for (const line of state.lines) {
    const key = line.sourceEventIds[0] ?? null;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const checksByGroup = new Map<string | null, LineCheck[]>();
  for (const [key, lines] of groups) checksByGroup.set(key, checkGroup(input, state, key, lines, notes));

  const credits = checkCredits(input, state, new Set(groups.keys()));
  let corrected = false;
  for (const [key, checks] of checksByGroup) {
    const wrong = checks.filter((c) => c.difference !== 0 || c.reasons.length > 0);
    if (wrong.length === 0) continue;
    const difference = checks.reduce((sum, c) => sum + c.difference, 0);
    const fixes = credits.filter((c) => c.kind === "correction" && c.compensates?.eventId === key);
    const credited = fixes.reduce((sum, c) => sum + c.amount, 0);
    const label = wrong.map((c) => (c.recorded ?? c.expected)!.description).join("; ");
    if (difference !== 0 && credited === difference) {
      corrected = true;
      const by = fixes.map((c) => `credit note ${c.creditNoteId} at position ${c.position}`).join(" and ");
      const refunded = fixes.reduce((sum, c) => sum + (c.refunded?.amount ?? 0), 0);
      const payout = refunded > 0 ? ` (${money(refunded)} of it refunded)` : "";
      for (const c of wrong) {
        c.status = "netted";
        c.note = `Line ${describeDifference(difference, state.currency)}; credited by ${by}${payout}: net matches.`;
      }
      continue;
    }
    for (const c of wrong) c.status = "mismatch";
    const residual = difference - credited;
    const already = credited > 0 ? `; credit notes naming its event credit ${money(credited)}` : "";
    const tail = residual === 0 ? "" : `: ${describeDifference(residual, state.currency)}`;
    mismatches.push({
      amount: residual,
      line: label,
      reason: `${wrong.flatMap((c) => c.reasons).join("; ")}${tail}${already}`,
    });
  }
  for (const c of credits) {
    if (c.kind === "derived" && c.expected !== null && c.expected !== c.amount) {
      mismatches.push({
        amount: c.expected - c.amount,
        line: `credit note ${c.creditNoteId}`,
        reason: `credits ${money(c.amount)}; billing its ${c.compensates?.type ?? "event"} again credits ${money(c.expected)}`,
      });
    }
    if (c.kind === "correction" && !checksByGroup.get(c.compensates!.eventId)?.some((l) => l.difference !== 0)) {
      mismatches.push({
        amount: -c.amount,
        line: `credit note ${c.creditNoteId}`,
        reason: `credits ${money(c.amount)} against a line that re-derives correctly`,
      });
    }
  }
  const sum = state.lines.reduce((s, l) => s + l.amount, 0);
  if (sum !== state.charged)
    mismatches.push({
      amount: state.charged - sum,
      line: "total",
      reason: `the total ${money(state.charged)} is not the sum of the lines, ${money(sum)}`,
    });

  const lines = [...checksByGroup.values()].flat();
  const recorded = figuresOf(state);
  const expectedCharged = lines.reduce((s, l) => s + (l.expected?.amount ?? 0), 0);
  const expectedCredited = credits.reduce(
    (s, c) => s + (c.kind === "correction" ? 0 : c.kind === "derived" ? (c.expected ?? c.amount) : c.amount),
    0,
  );
  const expected = {
    charged: expectedCharged,
    credited: expectedCredited,
    paid: state.paid,
    refunded: state.refunded,
    balance: expectedCharged - expectedCredited - state.paid + state.refunded,
  };
  compareReadModel(input, state, mismatches, notes);
  return {
    invoiceId: state.invoiceId,
    accountId: state.accountId,
    currency: state.currency,
    status: mismatches.length === 0 ? "verified" : "mismatched",
    corrected: corrected && mismatches.length === 0,
    position: input.position,
    issuedAt: state.issuedAt,
    invoiceStatus: state.status,
    lines,
    credits,
    figures: { recorded, expected, readModel: input.readModel },
    mismatches,
    mismatchAmount: mismatches.reduce((s, m) => s + m.amount, 0),
    notes,
  };
}

function checkGroup(
  input: VerificationInput,
  state: IssuedInvoice,
  key: string | null,
  lines: InvoiceLine[],
  notes: string[],
): LineCheck[] {
  const history = key ? input.sources[key] : undefined;
  const ref = (id: string): EventRef => {
    const event = input.sources[id]?.stream.at(-1);
    return { eventId: id, position: event?.position ?? null, type: event?.type ?? null };
  };
  // No billing event to decide again (a manual invoice): the arithmetic is all there is to check.
  if (!key || !history) {
    if (key)
      notes.push(`Lines naming event ${key} are not billed from a subscription event: their arithmetic is checked.`);
    return lines.map((line) => {
      const right = line.quantity * line.unitAmount;
      return {
        recorded: asLine(line),
        expected: { ...asLine(line), amount: right },
        sources: line.sourceEventIds.map(ref),
        difference: line.amount - right,
        status: "matches",
        reasons: line.amount === right ? [] : [`${line.quantity} × ${line.unitAmount} is ${right}, not ${line.amount}`],
        note: null,
      };
    });
  }
  const again = rederiveBillingEvent(history);
  const sources = lines[0]!.sourceEventIds.map(ref);
  if (!again.ok) {
    return lines.map((line) => ({
      recorded: asLine(line),
      expected: null,
      sources,
      difference: 0,
      status: "matches",
      reasons: [`cannot re-derive: ${again.reason}`],
      note: null,
    }));
  }
  const recordedData = again.event.data as Record<string, unknown>;
  const asBilled = billedFrom(again.event, recordedData, state.accountId, state.invoiceId).lines;
  const should = billedFrom(again.event, again.expected, state.accountId, state.invoiceId).lines;
  const why = explainDifferences(again.event.type, recordedData, again.expected, again.differences, state.currency);
  const checks: LineCheck[] = [];
  for (let i = 0; i < Math.max(lines.length, should.length); i++) {
    const line = lines[i] ? asLine(lines[i]!) : null;
    const expected = should[i] ?? null;
    const difference = (line?.amount ?? 0) - (expected?.amount ?? 0);
    const reasons: string[] = [];
    if (difference !== 0) reasons.push(...why);
    const billed = asBilled[i];
    if (line && (!billed || billed.amount !== line.amount))
      reasons.push(`the line does not say what its ${again.event.type} bills (${billed ? billed.amount : "no line"})`);
    if (difference !== 0 && reasons.length === 0) reasons.push("billing its event again gives another amount");
    checks.push({ recorded: line, expected, sources, difference, status: "matches", reasons, note: null });
  }
  return checks;
}

function figuresOf(s: IssuedInvoice) {
  return { charged: s.charged, credited: s.credited, paid: s.paid, refunded: s.refunded, balance: s.balance };
}

/** The invoices read model against the fold of the same events: it may trail the log, never disagree with it. */
function compareReadModel(input: VerificationInput, state: IssuedInvoice, mismatches: Mismatch[], notes: string[]) {
  const rm = input.readModel;
  const last = input.invoiceEvents.at(-1)!.position;
  if (!rm) return notes.push("The invoices read model has no row for this invoice yet.");
  if (rm.lastPosition < last)
    return notes.push(`The invoices read model has applied this invoice up to position ${rm.lastPosition} of ${last}.`);
  if (rm.lastPosition > last)
    return notes.push(`The invoices read model shows this invoice after position ${last}; not compared.`);
  const log = figuresOf(state);
  for (const field of ["charged", "credited", "paid", "refunded", "balance"] as const) {
    if (rm[field] !== log[field])
      mismatches.push({
        amount: rm[field] - log[field],
        line: `read model: ${field}`,
        reason: `the invoices read model says ${rm[field]}, its events fold to ${log[field]}`,
      });
  }
  if (rm.status !== state.status)
    mismatches.push({
      amount: 0,
      line: "read model: status",
      reason: `read model says ${rm.status}, the log ${state.status}`,
    });
  if (rm.lineCount !== state.lines.length)
    mismatches.push({
      amount: 0,
      line: "read model: lines",
      reason: `read model has ${rm.lineCount} lines, the log ${state.lines.length}`,
    });
}
