import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { invoiceDecider } from "./decider";
import { at, credited, inCurrency, INVOICE, inv, issued, paid, refunded, voided } from "./test-fixtures";

const s = spec(invoiceDecider);

describe("IssueInvoice", () => {
  const planLine = {
    description: "Pro plan, 3 seats",
    quantity: 3,
    unitAmount: 9900,
    periodStart: "2025-01-15T10:00:00Z",
    periodEnd: "2025-02-15T10:00:00Z",
    sourceEventIds: ["evt-1"],
  };
  const couponLine = { description: "Coupon SAVE20", quantity: 1, unitAmount: -5940 };
  const lines = [planLine, couponLine];

  it("issues with line amounts, the total and net-14 terms by default", () => {
    s.given([])
      .when(inv("IssueInvoice", { accountId: "acme", currency: "USD", lines }, "2025-01-15T10:00:00Z"))
      .then([
        {
          type: "InvoiceIssued",
          data: {
            invoiceId: INVOICE,
            accountId: "acme",
            currency: "USD",
            lines: [
              {
                ...planLine,
                amount: 29700,
                periodStart: "2025-01-15T10:00:00.000Z",
                periodEnd: "2025-02-15T10:00:00.000Z",
              },
              { ...couponLine, amount: -5940, sourceEventIds: [] },
            ],
            total: 23760,
            issuedAt: "2025-01-15T10:00:00.000Z",
            dueAt: "2025-01-29T10:00:00.000Z",
          },
        },
      ]);
  });

  it("rejects a second issue, a negative total and a due date in the past", () => {
    s.given([issued()])
      .when(inv("IssueInvoice", { accountId: "acme", currency: "USD", lines }))
      .thenRejects("INVOICE_ALREADY_ISSUED");
    s.given([])
      .when(
        inv("IssueInvoice", {
          accountId: "acme",
          currency: "USD",
          lines: [{ description: "Refund", quantity: 1, unitAmount: -1 }],
        }),
      )
      .thenRejects("INVOICE_TOTAL_NEGATIVE");
    s.given([])
      .when(inv("IssueInvoice", { accountId: "acme", currency: "USD", lines, dueAt: "2025-01-01T00:00:00Z" }))
      .thenRejects("DUE_DATE_IN_PAST");
  });

  it("validates lines: whole amounts, and periods that go together and forward", () => {
    const bad = (line: object) => () =>
      inv("IssueInvoice", {
        accountId: "acme",
        currency: "USD",
        lines: [{ description: "x", quantity: 1, unitAmount: 1, ...line }],
      });
    expect(bad({ unitAmount: 9.99 })).toThrow(/whole number of minor units/);
    expect(bad({ periodStart: "2025-01-01T00:00:00Z" })).toThrow(/go together/);
    expect(bad({ periodStart: "2025-02-01T00:00:00Z", periodEnd: "2025-01-01T00:00:00Z" })).toThrow(
      /after periodStart/,
    );
    expect(bad({ colour: "red" })).toThrow(/Unrecognized key/);
  });
});

describe("RecordPayment / RecordPaymentFailure", () => {
  it("records partial payments up to the balance", () => {
    s.given([issued(), paid(10000)])
      .when(inv("RecordPayment", { amount: 19700, method: "card", providerRef: "ch_2" }, at("2025-01-20"), ["pay-2"]))
      .then([
        {
          type: "PaymentRecorded",
          data: {
            invoiceId: INVOICE,
            paymentId: "pay-2",
            amount: 19700,
            currency: "USD",
            method: "card",
            providerRef: "ch_2",
            receivedAt: at("2025-01-20"),
          },
        },
      ]);
  });

  it("records payments and failed attempts in the invoice's currency", () => {
    s.given([inCurrency("JPY", issued(500_000))])
      .when(inv("RecordPayment", { amount: 200_000, method: "bank_transfer" }, at("2025-01-20"), ["pay-2"]))
      .then([
        {
          type: "PaymentRecorded",
          data: {
            invoiceId: INVOICE,
            paymentId: "pay-2",
            amount: 200_000,
            currency: "JPY",
            method: "bank_transfer",
            receivedAt: at("2025-01-20"),
          },
        },
      ]);
    s.given([inCurrency("JPY", issued(500_000))])
      .when(inv("RecordPaymentFailure", { amount: 500_000, reason: "declined", currency: "JPY" }))
      .then([
        {
          type: "PaymentFailed",
          data: {
            invoiceId: INVOICE,
            amount: 500_000,
            currency: "JPY",
            reason: "declined",
            failedAt: at("2025-01-20"),
          },
        },
      ]);
  });

  it("never takes more than the balance, nor the same provider payment twice, nor a foreign currency", () => {
    s.given([issued(), paid(10000)])
      .when(inv("RecordPayment", { amount: 19701, method: "card" }, undefined, ["p"]))
      .thenRejects("PAYMENT_EXCEEDS_BALANCE", /USD 197.01 .* USD 197.00 still due/);
    s.given([issued(), paid(29700)])
      .when(inv("RecordPayment", { amount: 1, method: "card" }, undefined, ["p"]))
      .thenRejects("INVOICE_ALREADY_PAID");
    s.given([issued(), paid(100, "pay-1", "ch_1")])
      .when(inv("RecordPayment", { amount: 1, method: "card", providerRef: "ch_1" }, undefined, ["p"]))
      .thenRejects("PAYMENT_ALREADY_RECORDED");
    s.given([issued()])
      .when(inv("RecordPayment", { amount: 1, method: "card", currency: "EUR" }, undefined, ["p"]))
      .thenRejects("CURRENCY_MISMATCH");
    s.given([])
      .when(inv("RecordPayment", { amount: 1, method: "card" }, undefined, ["p"]))
      .thenRejects("INVOICE_NOT_FOUND");
  });

  it("records a failed attempt on an unpaid invoice", () => {
    s.given([issued()])
      .when(inv("RecordPaymentFailure", { amount: 29700, reason: "card_declined", providerRef: "ch_x" }))
      .then([
        {
          type: "PaymentFailed",
          data: {
            invoiceId: INVOICE,
            amount: 29700,
            currency: "USD",
            reason: "card_declined",
            providerRef: "ch_x",
            failedAt: at("2025-01-20"),
          },
        },
      ]);
    s.given([issued(), paid(29700)])
      .when(inv("RecordPaymentFailure", { amount: 1, reason: "declined" }))
      .thenRejects("INVOICE_ALREADY_PAID");
  });
});

describe("MarkInvoiceUncollectible", () => {
  it("marks an invoice with a balance, once", () => {
    s.given([issued()])
      .when(inv("MarkInvoiceUncollectible", { reason: "Customer unreachable" }))
      .then([
        {
          type: "InvoiceMarkedUncollectible",
          data: { invoiceId: INVOICE, reason: "Customer unreachable", markedAt: at("2025-01-20") },
        },
      ]);
    const marked = invoiceDecider.decide(
      fold(invoiceDecider, [issued()]),
      inv("MarkInvoiceUncollectible", { reason: "Customer unreachable" }),
    );
    s.given([issued(), ...marked])
      .when(inv("MarkInvoiceUncollectible", { reason: "Again" }))
      .thenRejects("INVOICE_ALREADY_UNCOLLECTIBLE");
    s.given([issued(), paid(29700)])
      .when(inv("MarkInvoiceUncollectible", { reason: "Paid" }))
      .thenRejects("NOTHING_TO_COLLECT");
  });
});

describe("invoice state", () => {
  it("keeps charged - credited - paid + refunded = balance and derives the status", () => {
    const state = fold(invoiceDecider, [issued(), paid(29700), refunded(5000), credited(5000)]);
    expect(state).toMatchObject({
      status: "paid",
      charged: 29700,
      credited: 5000,
      paid: 29700,
      refunded: 5000,
      balance: 0,
    });
    expect(fold(invoiceDecider, [issued(), paid(100)])).toMatchObject({ status: "open", balance: 29600 });
    expect(fold(invoiceDecider, [issued(), voided()])).toMatchObject({ status: "void" });
  });

  it("leaves the state as it was for an amount in another currency than the invoice's", () => {
    const state = fold(invoiceDecider, [issued(), paid(100)]);
    const foreign = [paid(5000, "pay-9"), credited(5000, "cn-9"), refunded(100, "rf-9")];
    expect(foreign.map((event) => inCurrency("EUR", event)).reduce(invoiceDecider.evolve, state)).toEqual(state);
  });
});
