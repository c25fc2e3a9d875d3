import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyLog } from "../testing/apply-log";
import { at, buildHistory, type History, run } from "../testing/history";
import { checkInvoices } from "./consistency";
import { invoicesProjection } from "./projection";
import { getInvoice, listInvoicesForAccount, listOpenInvoices } from "./queries";

describe("invoices", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let history: History;
  const invoice = (accountId: string, index = 0) => history.invoices[accountId]![index]!;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    history = await buildHistory(runtime);
    // Paid in full then partly refunded; written off; voided.
    await run(runtime, at(3), "RecordPayment", { invoiceId: invoice("t-monthly"), amount: 49500, method: "card" });
    await run(runtime, at(4), "RefundPayment", { invoiceId: invoice("t-monthly"), amount: 500, reason: "Overcharge" });
    await run(runtime, at(30), "MarkInvoiceUncollectible", { invoiceId: invoice("t-annual"), reason: "Gone away" });
    await run(runtime, at(2), "VoidInvoice", { invoiceId: invoice("t-coupon"), reason: "Issued by mistake" });
    await applyLog(runtime, invoicesProjection);
  });
  afterAll(async () => t?.drop());

  test("a partial payment and a credit note", async () => {
    expect(await getInvoice(t.db, invoice("t-partial"))).toMatchObject({
      accountId: "t-partial",
      currency: "USD",
      status: "open",
      charged: 9900,
      credited: 1000,
      paid: 4000,
      refunded: 0,
      balance: 4900,
      issuedAt: at(0).toISOString(),
      dueAt: at(14).toISOString(),
      lines: [expect.objectContaining({ quantity: 1, unitAmount: 9900, amount: 9900 })],
      payments: [expect.objectContaining({ amount: 4000, method: "card", receivedAt: at(2).toISOString() })],
      creditNotes: [expect.objectContaining({ amount: 1000, reason: "Goodwill credit", compensatesEventId: null })],
      refunds: [],
      failedPayments: [],
      voided: null,
      markedUncollectible: null,
    });
  });

  test("a downgrade's credit note, an upgrade's proration charge", async () => {
    // Pro → Starter, 3 seats, 21 of 31 days left: 21 000 × 21 / 31 = 14 225.8 → 14 226.
    expect(await getInvoice(t.db, invoice("t-downgrade"))).toMatchObject({
      charged: 29700,
      credited: 14226,
      balance: 15474,
      creditNotes: [expect.objectContaining({ amount: 14226, compensatesEventId: expect.any(String) })],
    });
    const upgrade = await listInvoicesForAccount(t.db, "t-upgrade");
    expect(upgrade.map((i) => [i.charged, i.status])).toEqual([
      [9484, "open"],
      [5800, "open"],
    ]);
  });

  test("refund, write-off and void", async () => {
    expect(await getInvoice(t.db, invoice("t-monthly"))).toMatchObject({
      status: "open",
      paid: 49500,
      refunded: 500,
      balance: 500,
    });
    expect(await getInvoice(t.db, invoice("t-annual"))).toMatchObject({
      status: "uncollectible",
      balance: 1980000,
      markedUncollectible: { reason: "Gone away", at: at(30).toISOString() },
    });
    expect(await getInvoice(t.db, invoice("t-coupon"))).toMatchObject({ status: "void", voided: expect.any(Object) });
    expect(await listInvoicesForAccount(t.db, "t-coupon", { status: ["open"] })).toEqual([]);
  });

  test("open invoices for finance, earliest due first", async () => {
    const open = await listOpenInvoices(t.db);
    expect(open).toHaveLength(13); // 15 issued, one written off, one void
    expect(open.map((i) => i.dueAt)).toEqual(open.map((i) => i.dueAt).sort());
    const overdue = await listOpenInvoices(t.db, { dueBefore: at(14, 1).toISOString() });
    expect(overdue.map((i) => i.accountId).sort()).toEqual(
      ["t-cancel", "t-downgrade", "t-erased", "t-monthly", "t-partial", "t-pause", "t-resume", "t-upgrade"].sort(),
    );
    expect(await getInvoice(t.db, "no-such-invoice")).toBeNull();
  });

  test("the consistency check finds nothing, then a tampered row", async () => {
    expect(await checkInvoices(runtime, "all")).toEqual([]);
    const partial = invoice("t-partial");
    await t.db.prisma.$executeRaw`UPDATE rm_invoices SET balance = 0, status = 'paid' WHERE invoice_id = ${partial}`;
    await t.db.prisma.$executeRaw`DELETE FROM rm_invoices WHERE invoice_id = ${invoice("t-pause")}`;
    const differences = await checkInvoices(runtime, "all");
    expect(differences).toEqual(
      expect.arrayContaining([
        { projection: "invoices", key: partial, field: "status", expected: "open", actual: "paid" },
        { projection: "invoices", key: partial, field: "balance", expected: 4900, actual: 0 },
        { projection: "invoices", key: invoice("t-pause"), field: "row", expected: "present", actual: null },
      ]),
    );
    expect(differences).toHaveLength(3);
    expect(await checkInvoices(runtime, [invoice("t-upgrade")])).toEqual([]);
  });
});
