import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { invoicesProjection } from "@/lib/projections/invoices/projection";
import { applyLogAndCheckpoint } from "@/lib/projections/testing/apply-log";
import { at, invoicesOf, run } from "@/lib/projections/testing/history";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { INVOICE_TIMELINE_PER_PAGE, invoiceStatusOf, readAccountInvoices, readInvoicePage } from "./invoices";

describe("invoice page queries", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let purchased: { invoiceId: string; planPurchasedEventId: string; planPurchasedPosition: number };
  let manual: string;
  let voided: string;
  let uncollectible: string;
  const project = async () => {
    await applyLogAndCheckpoint(runtime, invoicesProjection);
    await applyLogAndCheckpoint(runtime, accountTimelineProjection);
  };
  const page = async (invoiceId: string, params = {}) => (await readInvoicePage(runtime, invoiceId, params))!;
  const issue = async (days: number, lines: Record<string, unknown>[]) =>
    (await run(runtime, at(days), "IssueInvoice", { accountId: "i-acct", currency: "USD", lines })).targetId;

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await run(runtime, at(0), "OpenAccount", {
      accountId: "i-acct",
      name: "Invoice Co",
      billingEmail: "ap@invoice.example",
      currency: "USD",
    });
    const purchase = await run(runtime, at(0), "PurchasePlan", {
      accountId: "i-acct",
      plan: "pro",
      interval: "monthly",
      seats: 1,
    });
    const planPurchased = purchase.events.find((e) => e.type === "PlanPurchased")!;
    purchased = {
      invoiceId: invoicesOf(purchase)[0]!,
      planPurchasedEventId: planPurchased.eventId,
      planPurchasedPosition: planPurchased.position,
    };
    manual = await issue(1, [{ description: "Onboarding workshop", quantity: 2, unitAmount: 15000 }]);
    voided = await issue(1, [{ description: "Duplicate", quantity: 1, unitAmount: 1000 }]);
    uncollectible = await issue(1, [{ description: "Old debt", quantity: 1, unitAmount: 2000 }]);
    await run(runtime, at(2), "VoidInvoice", { invoiceId: voided, reason: "Issued twice" });
    await run(runtime, at(40), "MarkInvoiceUncollectible", { invoiceId: uncollectible, reason: "Company dissolved" });
    await project();
  });
  afterAll(async () => t?.drop());

  test("the status vocabulary: open, partially paid, paid, void, uncollectible (draft kept)", async () => {
    expect((await page(manual)).status).toBe("open");
    await run(runtime, at(2), "RecordPaymentFailure", { invoiceId: manual, amount: 30000, reason: "Card declined" });
    await run(runtime, at(3), "RecordPayment", { invoiceId: manual, amount: 10000, method: "bank_transfer" });
    await project();
    expect((await page(manual)).status).toBe("partially paid");
    // Refunded back to nothing: open again, not partially paid.
    await run(runtime, at(4), "RefundPayment", { invoiceId: manual, amount: 10000, reason: "Paid the wrong invoice" });
    await project();
    expect((await page(manual)).status).toBe("open");
    await run(runtime, at(5), "RecordPayment", {
      invoiceId: manual,
      amount: 30000,
      method: "card",
      providerRef: "ch_123",
    });
    await project();
    const paid = await page(manual);
    expect(paid.status).toBe("paid");
    expect(paid.invoice).toMatchObject({ charged: 30000, credited: 0, paid: 40000, refunded: 10000, balance: 0 });
    expect(paid.invoice.payments.map((p) => [p.amount, p.method, p.providerRef])).toEqual([
      [10000, "bank_transfer", null],
      [30000, "card", "ch_123"],
    ]);
    expect(paid.invoice.failedPayments).toMatchObject([{ amount: 30000, reason: "Card declined" }]);
    expect(paid.invoice.refunds).toMatchObject([{ amount: 10000, reason: "Paid the wrong invoice" }]);

    expect(await page(voided)).toMatchObject({ status: "void", invoice: { voided: { reason: "Issued twice" } } });
    expect(await page(uncollectible)).toMatchObject({
      status: "uncollectible",
      invoice: { markedUncollectible: { reason: "Company dissolved", at: at(40).toISOString() } },
    });
    expect(invoiceStatusOf({ status: "draft", paid: 0, refunded: 0, balance: 0 })).toBe("draft");
  });

  test("lines name the events they bill for; a line without one has no sources", async () => {
    const billed = await page(purchased.invoiceId);
    expect(billed.lines).toHaveLength(1);
    expect(billed.lines[0]!.sources).toEqual([
      {
        eventId: purchased.planPurchasedEventId,
        entry: expect.objectContaining({
          position: purchased.planPurchasedPosition,
          accountId: "i-acct",
          type: "PlanPurchased",
          actorLabel: "Test",
          occurredAt: at(0).toISOString(),
        }),
      },
    ]);
    expect(billed.lines[0]).toMatchObject({ quantity: 1, unitAmount: 9900, amount: 9900 });
    expect(billed.lines[0]!.periodStart).toBe(at(0).toISOString());
    expect((await page(manual)).lines).toEqual([
      expect.objectContaining({ description: "Onboarding workshop", quantity: 2, amount: 30000, sources: [] }),
    ]);
  });

  test("a credit note links the event it compensates", async () => {
    await run(runtime, at(6), "IssueCreditNote", {
      invoiceId: purchased.invoiceId,
      amount: 900,
      reason: "SLA credit for the outage",
      compensatesEventId: purchased.planPurchasedEventId,
    });
    await project();
    const credited = await page(purchased.invoiceId);
    expect(credited.creditNotes).toEqual([
      expect.objectContaining({
        amount: 900,
        reason: "SLA credit for the outage",
        compensates: {
          eventId: purchased.planPurchasedEventId,
          entry: expect.objectContaining({ type: "PlanPurchased", position: purchased.planPurchasedPosition }),
        },
      }),
    ]);
    expect(credited.invoice).toMatchObject({ charged: 9900, credited: 900, balance: 9000 });
  });

  test("the invoice's own timeline, newest first, paged by cursor", async () => {
    const first = await page(manual);
    expect(first.timeline.entries.map((e) => e.type)).toEqual([
      "PaymentRecorded",
      "PaymentRefunded",
      "PaymentRecorded",
      "PaymentFailed",
      "InvoiceIssued",
    ]);
    expect(first.timeline.entries.every((e) => e.streamId === `invoice-${manual}`)).toBe(true);
    expect(first.timeline.nextCursor).toBeNull();
    const older = await page(manual, { cursor: String(first.timeline.entries[2]!.position) });
    expect(older.timeline.entries.map((e) => e.type)).toEqual(["PaymentFailed", "InvoiceIssued"]);
    expect(INVOICE_TIMELINE_PER_PAGE).toBe(50);
  });

  test("a read model that trails: figures folded from the log, and the lag counted", async () => {
    const fresh = await issue(50, [{ description: "Late addition", quantity: 1, unitAmount: 500 }]);
    const lagging = await page(fresh);
    expect(lagging).toMatchObject({ fromLog: true, status: "open", invoice: { charged: 500, balance: 500 } });
    expect(lagging.pending).toEqual({ summary: 1, timeline: 1 });
    await project();
    expect(await page(fresh)).toMatchObject({ fromLog: false, pending: { summary: 0, timeline: 0 } });
  });

  test("unknown or malformed invoice ids are not found", async () => {
    expect(await readInvoicePage(runtime, "no-such-invoice", {})).toBeNull();
    expect(await readInvoicePage(runtime, "bad id!", {})).toBeNull();
  });

  test("an account's invoices for the table, newest issued first, with their status words", async () => {
    const rows = await readAccountInvoices(runtime, "i-acct");
    expect(rows[0]!.issuedAt >= rows.at(-1)!.issuedAt).toBe(true);
    expect(Object.fromEntries(rows.map((r) => [r.invoiceId, r.statusLabel]))).toMatchObject({
      [manual]: "paid",
      [voided]: "void",
      [uncollectible]: "uncollectible",
      [purchased.invoiceId]: "open",
    });
    expect(await readAccountInvoices(runtime, "nobody")).toEqual([]);
  });
});
