import { describe, expect, test } from "vitest";
import type { SubscriptionEventData } from "@/lib/domain/subscription/events";
import { createVerificationLog } from "@/lib/testing/verification-log";
import { verifyInvoice } from "./verify-invoice";

type Proration = SubscriptionEventData<"ProrationApplied">;
const T0 = "2025-01-15T10:00:00.000Z";
const SEATS_DAY = "2025-01-27T09:00:00.000Z"; // 12 of 31 days used, 19 remaining

function purchased() {
  const log = createVerificationLog();
  const [purchase] = log.subscription("PurchasePlan", { plan: "pro", interval: "monthly", seats: 3 }, T0, "inv-1");
  return { log, purchase: purchase! };
}

/** Writes a seat increase as deployment 4.2.1 did: prorated over the whole period. */
function buggySeatIncrease(log: ReturnType<typeof createVerificationLog>) {
  const streamId = "subscription-acme";
  const decided = log.subscription("ChangeSeats", { seats: 5 }, SEATS_DAY, "probe");
  // Take the correct decision back out of the log and write the bug instead (the probe is discarded).
  log.events.splice(log.events.length - decided.length - 1);
  const correct = decided.find((e) => e.type === "ProrationApplied")!.data as Proration;
  const wrong = (correct.unitPriceAfter * correct.seatsAfter - correct.unitPriceBefore * correct.seatsBefore) as number;
  const written = log.write(
    streamId,
    [
      decided[0]!,
      {
        type: "ProrationApplied",
        data: { ...correct, chargeInvoiceId: "inv-2", amount: wrong, daysUsed: 0, daysRemaining: correct.periodDays },
      },
    ],
    SEATS_DAY,
  );
  return { correct: correct.amount, wrong, proration: written[1]! };
}

describe("verifying an invoice by re-deriving it", () => {
  test("a purchase's invoice re-derives line for line, each line naming its event", () => {
    const { log, purchase } = purchased();
    const result = verifyInvoice(log.inputFor("inv-1"))!;
    expect(result.status).toBe("verified");
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ status: "matches", difference: 0 });
    expect(result.lines[0]!.sources).toEqual([
      { eventId: purchase.eventId, position: purchase.position, type: "PlanPurchased" },
    ]);
    expect(result.figures.expected).toEqual(result.figures.recorded);
  });

  test("a correct mid-period seat change's proration verifies", () => {
    const { log } = purchased();
    const [, proration] = log.subscription("ChangeSeats", { seats: 5 }, SEATS_DAY, "inv-2");
    expect((proration!.data as Proration).daysRemaining).toBe(19);
    expect(verifyInvoice(log.inputFor("inv-2"))).toMatchObject({ status: "verified", mismatches: [] });
  });

  test("a proration over the whole period is a mismatch: the amount, the line and why", () => {
    const { log } = purchased();
    const bug = buggySeatIncrease(log);
    const result = verifyInvoice(log.inputFor("inv-2"))!;
    expect(bug.wrong - bug.correct).toBeGreaterThan(0);
    expect(result.status).toBe("mismatched");
    expect(result.mismatches).toHaveLength(1);
    expect(result.mismatches[0]!.amount).toBe(bug.wrong - bug.correct);
    expect(result.mismatches[0]!.line).toMatch(/^Seats 3 to 5 on Pro/);
    expect(result.mismatches[0]!.reason).toContain("prorated for 31 of 31 days remaining");
    expect(result.mismatches[0]!.reason).toContain("left 19 of 31 days");
    expect(result.lines[0]).toMatchObject({ status: "mismatch", expected: { amount: bug.correct } });
    expect(result.figures.expected.charged).toBe(bug.correct);
  });

  test("a credit note naming the wrong proration for exactly the overcharge nets it: verified after correction", () => {
    const { log } = purchased();
    const bug = buggySeatIncrease(log);
    log.invoice("RecordPayment", { invoiceId: "inv-2", amount: bug.wrong, method: "card" }, SEATS_DAY, "inv-2");
    const over = bug.wrong - bug.correct;
    const [refund, credit] = log.invoice(
      "IssueCreditNote",
      { invoiceId: "inv-2", amount: over, reason: "INC-421", compensatesEventId: bug.proration.eventId },
      "2025-01-30T15:00:00.000Z",
      "inv-2",
    );
    const result = verifyInvoice(log.inputFor("inv-2"))!;
    expect(result).toMatchObject({ status: "verified", corrected: true, mismatches: [] });
    expect(result.lines[0]!.status).toBe("netted");
    expect(result.lines[0]!.note).toContain(
      `credited by credit note ${(credit!.data as { creditNoteId: string }).creditNoteId}`,
    );
    expect(result.lines[0]!.note).toContain(`at position ${credit!.position}`);
    expect(result.lines[0]!.note).toContain("net matches");
    expect(result.credits[0]).toMatchObject({
      kind: "correction",
      amount: over,
      refunded: { amount: over, position: refund!.position },
    });
    // What it should say: the right charge, nothing to credit, the overpayment paid back.
    expect(result.figures.expected).toEqual({
      charged: bug.correct,
      credited: 0,
      paid: bug.wrong,
      refunded: over,
      balance: 0,
    });
  });

  test("a correction for less than the overcharge leaves the rest as a mismatch", () => {
    const { log } = purchased();
    const bug = buggySeatIncrease(log);
    const over = bug.wrong - bug.correct;
    log.invoice(
      "IssueCreditNote",
      { invoiceId: "inv-2", amount: over - 100, reason: "partly", compensatesEventId: bug.proration.eventId },
      SEATS_DAY,
      "inv-2",
    );
    const result = verifyInvoice(log.inputFor("inv-2"))!;
    expect(result.status).toBe("mismatched");
    expect(result.mismatches[0]!.amount).toBe(100);
    expect(result.mismatches[0]!.reason).toContain("overcharged by USD 1.00");
  });

  test("a renewal discounted by a coupon re-derives; a wrong discount is named", () => {
    const { log } = purchased();
    log.subscription("ApplyCoupon", { code: "SAVE20" }, "2025-01-20T10:00:00.000Z");
    log.subscription("RenewSubscription", {}, "2025-02-15T10:00:00.000Z", "inv-3");
    const renewed = verifyInvoice(log.inputFor("inv-3"))!;
    expect(renewed.status).toBe("verified");
    expect(renewed.lines.map((l) => l.expected!.amount)).toEqual([29700, -5940]);

    const renewal = log.events.find((e) => e.type === "SubscriptionRenewed")!;
    const d = renewal.data as SubscriptionEventData<"SubscriptionRenewed">;
    renewal.data = { ...d, discount: { ...d.discount!, amount: 2970 } }; // what a bug could have written
    log.events.splice(log.events.findIndex((e) => e.streamId === "invoice-inv-3"));
    log.write(
      "invoice-inv-3",
      [
        {
          type: "InvoiceIssued",
          data: {
            invoiceId: "inv-3",
            accountId: "acme",
            currency: "USD",
            lines: [
              { description: "Pro", quantity: 3, unitAmount: 9900, amount: 29700, sourceEventIds: [renewal.eventId] },
              {
                description: "Coupon SAVE20",
                quantity: 1,
                unitAmount: -2970,
                amount: -2970,
                sourceEventIds: [renewal.eventId],
              },
            ],
            total: 26730,
            issuedAt: d.periodStart,
            dueAt: d.periodEnd,
          },
        },
      ],
      d.periodStart,
    );
    const wrong = verifyInvoice(log.inputFor("inv-3"))!;
    expect(wrong.status).toBe("mismatched");
    expect(wrong.mismatches[0]!.amount).toBe(2970);
    expect(wrong.mismatches[0]!.reason).toContain("coupon discount USD 29.70; the coupon in force gives USD 59.40");
  });

  test("a renewal is priced from the price list in force; one at the old price is a mismatch", () => {
    const { log } = purchased();
    log.changePrice({
      plan: "pro",
      interval: "monthly",
      unitPrice: 11900,
      currency: "USD",
      effectiveFrom: "2025-02-01T00:00:00.000Z",
    });
    log.subscription("RenewSubscription", {}, "2025-02-15T10:00:00.000Z", "inv-3");
    const result = verifyInvoice(log.inputFor("inv-3"))!;
    expect(result.status).toBe("verified");
    expect(result.lines[0]!.expected!.unitAmount).toBe(11900);

    // The same renewal decided without the price list (the catalogue's price): billed too little.
    const stale = createVerificationLog();
    stale.subscription("PurchasePlan", { plan: "pro", interval: "monthly", seats: 3 }, T0, "inv-1");
    const renewal = stale.subscription("RenewSubscription", {}, "2025-02-15T10:00:00.000Z", "inv-3");
    stale.changePrice({
      plan: "pro",
      interval: "monthly",
      unitPrice: 11900,
      currency: "USD",
      effectiveFrom: "2025-02-01T00:00:00.000Z",
    });
    // Price list recorded before the renewal in the verifier's eyes:
    const input = stale.inputFor("inv-3");
    input.sources[renewal[0]!.eventId]!.prices = [
      {
        plan: "pro",
        interval: "monthly",
        unitPrice: 11900,
        currency: "USD",
        effectiveFrom: "2025-02-01T00:00:00.000Z",
      },
    ];
    const mismatch = verifyInvoice(input)!;
    expect(mismatch.status).toBe("mismatched");
    expect(mismatch.mismatches[0]!.amount).toBe(3 * (9900 - 11900));
    expect(mismatch.mismatches[0]!.reason).toContain(
      "priced at USD 99.00 a seat; the price list in force says USD 119.00",
    );
  });

  test("payments and refunds are taken as recorded; the read model must agree with the log", () => {
    const { log } = purchased();
    log.invoice("RecordPayment", { invoiceId: "inv-1", amount: 29700, method: "card" }, T0, "inv-1");
    log.invoice("RefundPayment", { invoiceId: "inv-1", amount: 5000, reason: "goodwill" }, T0, "inv-1");
    const last = log.events.at(-1)!.position;
    const agreeing = {
      status: "open" as const,
      charged: 29700,
      credited: 0,
      paid: 29700,
      refunded: 5000,
      balance: 5000,
      lineCount: 1,
      lastPosition: last,
    };
    const ok = verifyInvoice(log.inputFor("inv-1", agreeing))!;
    expect(ok.status).toBe("verified");
    expect(ok.figures.expected).toMatchObject({ paid: 29700, refunded: 5000, balance: 5000 });

    const wrong = verifyInvoice(log.inputFor("inv-1", { ...agreeing, refunded: 0, balance: 0 }))!;
    expect(wrong.status).toBe("mismatched");
    expect(wrong.mismatches.map((m) => m.line)).toEqual(["read model: refunded", "read model: balance"]);

    const behind = verifyInvoice(
      log.inputFor("inv-1", { ...agreeing, refunded: 0, balance: 0, lastPosition: last - 1 }),
    )!;
    expect(behind.status).toBe("verified");
    expect(behind.notes[0]).toContain(`up to position ${last - 1}`);
  });

  test("a person's credit note is taken as it stands; one against a right line is a mismatch", () => {
    const { log, purchase } = purchased();
    log.invoice("IssueCreditNote", { invoiceId: "inv-1", amount: 1000, reason: "goodwill" }, T0, "inv-1");
    const goodwill = verifyInvoice(log.inputFor("inv-1"))!;
    expect(goodwill.status).toBe("verified");
    expect(goodwill.credits[0]!.kind).toBe("discretionary");
    expect(goodwill.figures.expected.credited).toBe(1000);

    log.invoice(
      "IssueCreditNote",
      { invoiceId: "inv-1", amount: 500, reason: "x", compensatesEventId: purchase.eventId },
      T0,
      "inv-1",
    );
    const wrong = verifyInvoice(log.inputFor("inv-1"))!;
    expect(wrong.status).toBe("mismatched");
    expect(wrong.mismatches[0]).toMatchObject({ amount: -500, line: expect.stringMatching(/^credit note /) });
  });
});
