import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { invoiceDecider } from "./decider";
import { at, credited, inCurrency, INVOICE, inv, issued, paid, refunded, voided } from "./test-fixtures";

const s = spec(invoiceDecider);

describe("IssueCreditNote", () => {
  it("credits an unpaid invoice", () => {
    s.given([issued()])
      .when(
        inv(
          "IssueCreditNote",
          { amount: 5000, reason: "Service outage", compensatesEventId: "evt-9" },
          at("2025-01-20"),
          ["cn-1", "rf-1"],
        ),
      )
      .then([
        {
          type: "CreditNoteIssued",
          data: {
            invoiceId: INVOICE,
            creditNoteId: "cn-1",
            amount: 5000,
            currency: "USD",
            reason: "Service outage",
            compensatesEventId: "evt-9",
            issuedAt: at("2025-01-20"),
          },
        },
      ]);
  });

  it("refunds the part above the balance of a paid invoice in the same decision", () => {
    s.given([issued(), paid(29700)])
      .when(inv("IssueCreditNote", { amount: 5000, reason: "Downgrade" }, at("2025-01-20"), ["cn-1", "rf-1"]))
      .then([
        {
          type: "PaymentRefunded",
          data: {
            invoiceId: INVOICE,
            refundId: "rf-1",
            amount: 5000,
            currency: "USD",
            reason: "Refund of the part of credit note cn-1 above the amount still due",
            creditNoteId: "cn-1",
            refundedAt: at("2025-01-20"),
          },
        },
        {
          type: "CreditNoteIssued",
          data: {
            invoiceId: INVOICE,
            creditNoteId: "cn-1",
            amount: 5000,
            currency: "USD",
            reason: "Downgrade",
            issuedAt: at("2025-01-20"),
          },
        },
      ]);
  });

  it("credits and refunds in the invoice's currency", () => {
    const eur = [issued(20000), paid(20000)].map((event) => inCurrency("EUR", event));
    s.given(eur)
      .when(inv("IssueCreditNote", { amount: 3000, reason: "Downgrade" }, at("2025-01-20"), ["cn-1", "rf-1"]))
      .then([
        {
          type: "PaymentRefunded",
          data: {
            invoiceId: INVOICE,
            refundId: "rf-1",
            amount: 3000,
            currency: "EUR",
            reason: "Refund of the part of credit note cn-1 above the amount still due",
            creditNoteId: "cn-1",
            refundedAt: at("2025-01-20"),
          },
        },
        {
          type: "CreditNoteIssued",
          data: {
            invoiceId: INVOICE,
            creditNoteId: "cn-1",
            amount: 3000,
            currency: "EUR",
            reason: "Downgrade",
            issuedAt: at("2025-01-20"),
          },
        },
      ]);
    s.given(eur)
      .when(inv("RefundPayment", { amount: 500, reason: "Customer request" }, at("2025-01-21"), ["rf-2"]))
      .then([
        {
          type: "PaymentRefunded",
          data: {
            invoiceId: INVOICE,
            refundId: "rf-2",
            amount: 500,
            currency: "EUR",
            reason: "Customer request",
            refundedAt: at("2025-01-21"),
          },
        },
      ]);
  });

  it("never credits more than charged minus credited, nor the same event twice, nor a void invoice", () => {
    s.given([issued(), credited(20000)])
      .when(inv("IssueCreditNote", { amount: 9701, reason: "Too much" }, undefined, ["c", "r"]))
      .thenRejects("CREDIT_EXCEEDS_CHARGED");
    s.given([issued(), credited(100, "cn-1", "evt-9")])
      .when(
        inv("IssueCreditNote", { amount: 100, reason: "Again", compensatesEventId: "evt-9" }, undefined, ["c", "r"]),
      )
      .thenRejects("CREDIT_ALREADY_ISSUED", /cn-1 already compensates/);
    s.given([issued(), voided()])
      .when(inv("IssueCreditNote", { amount: 1, reason: "After void" }, undefined, ["c", "r"]))
      .thenRejects("INVOICE_VOIDED");
  });

  it("requires a reason", () => {
    expect(() => inv("IssueCreditNote", { amount: 1, reason: "" })).toThrow(/at least 3 characters/);
  });
});

describe("VoidInvoice", () => {
  it("voids an unpaid invoice, also one whose payments were all refunded", () => {
    s.given([issued()])
      .when(inv("VoidInvoice", { reason: "Issued by mistake" }, at("2025-01-18")))
      .then([voided()]);
    s.given([issued(), paid(100), refunded(100)])
      .when(inv("VoidInvoice", { reason: "Issued by mistake" }, at("2025-01-18")))
      .then([voided()]);
  });

  it("rejects voiding with payments, twice, and anything after void", () => {
    s.given([issued(), paid(100)])
      .when(inv("VoidInvoice", { reason: "Mistake" }))
      .thenRejects("INVOICE_HAS_PAYMENTS", /USD 1.00 in payments/);
    s.given([issued(), voided()])
      .when(inv("VoidInvoice", { reason: "Mistake" }))
      .thenRejects("INVOICE_VOIDED");
    s.given([issued(), voided()])
      .when(inv("RecordPayment", { amount: 1, method: "card" }, undefined, ["p"]))
      .thenRejects("INVOICE_VOIDED");
    s.given([issued(), voided()])
      .when(inv("MarkInvoiceUncollectible", { reason: "Gone" }))
      .thenRejects("INVOICE_VOIDED");
  });
});

describe("RefundPayment", () => {
  it("refunds up to the net payments", () => {
    s.given([issued(), paid(10000), refunded(4000)])
      .when(
        inv("RefundPayment", { amount: 6000, reason: "Customer request", providerRef: "re_2" }, at("2025-01-20"), [
          "rf-2",
        ]),
      )
      .then([
        {
          type: "PaymentRefunded",
          data: {
            invoiceId: INVOICE,
            refundId: "rf-2",
            amount: 6000,
            currency: "USD",
            reason: "Customer request",
            providerRef: "re_2",
            refundedAt: at("2025-01-20"),
          },
        },
      ]);
    s.given([issued(), paid(10000), refunded(4000)])
      .when(inv("RefundPayment", { amount: 6001, reason: "Too much" }, undefined, ["r"]))
      .thenRejects("REFUND_EXCEEDS_PAYMENTS");
    s.given([issued()])
      .when(inv("RefundPayment", { amount: 1, reason: "Nothing paid" }, undefined, ["r"]))
      .thenRejects("REFUND_EXCEEDS_PAYMENTS");
    const providerRefund = invoiceDecider.decide(
      fold(invoiceDecider, [issued(), paid(10000)]),
      inv("RefundPayment", { amount: 100, reason: "Partial", providerRef: "re_1" }, undefined, ["rf-1"]),
    );
    s.given([issued(), paid(10000), ...providerRefund])
      .when(inv("RefundPayment", { amount: 100, reason: "Webhook retry", providerRef: "re_1" }, undefined, ["rf-2"]))
      .thenRejects("REFUND_ALREADY_RECORDED");
  });
});
