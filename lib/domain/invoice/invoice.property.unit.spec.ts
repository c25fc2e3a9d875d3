import fc from "fast-check";
import { domainEventSchemas } from "../index";
import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/domain-error";
import { addUtcDays } from "../shared/time";
import { invoiceCommandSchemas, type InvoiceCommand } from "./commands";
import { invoiceDecider } from "./decider";
import type { InvoiceEvent } from "./events";
import type { InvoiceState } from "./state";

const invoiceId = "inv-p";
const amount = fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 200_000 }));
const reason = fc.constantFrom("Customer request", "Service outage", "Duplicate");

const line = fc.record({
  description: fc.constantFrom("Pro plan", "Discount", "Setup"),
  quantity: fc.integer({ min: 1, max: 5 }),
  unitAmount: fc.integer({ min: -5_000, max: 60_000 }),
});
const issue = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.constantFrom("USD", "EUR", "JPY"))
  .map(([lines, currency]) => ({
    type: "IssueInvoice" as const,
    data: { invoiceId, accountId: "acme", currency, lines },
  }));
const later = fc.oneof(
  fc.record({
    type: fc.constant("RecordPayment" as const),
    data: fc.record({ invoiceId: fc.constant(invoiceId), amount, method: fc.constant("card" as const) }),
  }),
  fc.record({
    type: fc.constant("RecordPaymentFailure" as const),
    data: fc.record({ invoiceId: fc.constant(invoiceId), amount, reason }),
  }),
  fc.record({
    type: fc.constant("IssueCreditNote" as const),
    data: fc.record({ invoiceId: fc.constant(invoiceId), amount, reason }),
  }),
  fc.record({
    type: fc.constant("RefundPayment" as const),
    data: fc.record({ invoiceId: fc.constant(invoiceId), amount, reason }),
  }),
  fc.record({
    type: fc.constantFrom("VoidInvoice" as const, "MarkInvoiceUncollectible" as const),
    data: fc.record({ invoiceId: fc.constant(invoiceId), reason }),
  }),
);

/** The ledger recomputed from the facts alone, independently of evolve. */
function ledger(events: InvoiceEvent[]) {
  const sum = (type: InvoiceEvent["type"]) =>
    events
      .filter((e) => e.type === type)
      .reduce((total, e) => total + ("amount" in e.data ? e.data.amount : "total" in e.data ? e.data.total : 0), 0);
  return {
    charged: sum("InvoiceIssued"),
    credited: sum("CreditNoteIssued"),
    paid: sum("PaymentRecorded"),
    refunded: sum("PaymentRefunded"),
  };
}

describe("invoice decide/evolve (property)", () => {
  it("for every history decide produced: charged - credits - payments + refunds = balance, never below zero, and every amount in the invoice's currency, after every event", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(issue, fc.array(later, { maxLength: 30 }), (first, rest) => {
        let state: InvoiceState = invoiceDecider.initialState();
        const history: InvoiceEvent[] = [];
        let now = "2025-01-01T00:00:00.000Z";
        for (const [n, step] of [first, ...rest].entries()) {
          now = addUtcDays(now, 1);
          // Parsed by its schema, as the handler does before decide.
          const data = invoiceCommandSchemas[step.type].parse(step.data);
          const command = {
            type: step.type,
            data,
            context: { now, ids: [`id-${n}-a`, `id-${n}-b`] },
          } as InvoiceCommand;
          let events: InvoiceEvent[];
          try {
            events = invoiceDecider.decide(state, command);
          } catch (error) {
            if (error instanceof DomainError) {
              seen.add(`rejected ${error.code}`);
              continue;
            }
            throw error;
          }
          for (const event of events) {
            seen.add(event.type);
            expect(() => domainEventSchemas[event.type].parse(event.data)).not.toThrow();
            history.push(event);
            state = invoiceDecider.evolve(state, event);
            if (state.status === "none") continue;
            // Every amount names its currency, the invoice's.
            if ("amount" in event.data) expect(event.data.currency, event.type).toBe(first.data.currency);
            const l = ledger(history);
            expect({
              charged: state.charged,
              credited: state.credited,
              paid: state.paid,
              refunded: state.refunded,
            }).toEqual(l);
            expect(state.balance).toBe(l.charged - l.credited - l.paid + l.refunded);
            expect(state.balance).toBeGreaterThanOrEqual(0);
            expect(state.paid - state.refunded).toBeGreaterThanOrEqual(0);
            expect(state.credited).toBeLessThanOrEqual(state.charged);
          }
        }
      }),
      { numRuns: 400 },
    );
    for (const fact of [
      "InvoiceIssued",
      "PaymentRecorded",
      "CreditNoteIssued",
      "PaymentRefunded",
      "InvoiceVoided",
      "InvoiceMarkedUncollectible",
      "PaymentFailed",
    ]) {
      expect(seen, fact).toContain(fact);
    }
  });
});
