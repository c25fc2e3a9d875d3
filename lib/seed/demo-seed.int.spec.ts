import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authenticateToken } from "@/lib/auth/api-tokens";
import type { InvoiceState, LeadState } from "@/lib/domain";
import type { RecordedEvent } from "@/lib/event-store";
import { stateAt } from "@/lib/history/state-at";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { BAD_DEPLOYMENT } from "./app-versions";
import { seedDemoData } from "./demo-seed";

const ACCOUNTS = 12;
type Issued = Exclude<InvoiceState, { status: "none" }>;

describe("demo seed", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let events: number;
  const ofAccount = async (accountId: string) =>
    (await runtime.store.readAccountEvents(accountId, { limit: 10_000 })).reverse();

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    events = (await seedDemoData(runtime, { accounts: ACCOUNTS, concurrency: 4 })).events;
  }, 300_000);
  afterAll(async () => t?.drop());

  test("writes a verifiable history through the command handler, once, with the demo tokens", async () => {
    expect(events).toBeGreaterThan(500);
    expect(await seedDemoData(runtime)).toEqual({ seeded: false, events: 0 });
    const report = await runtime.store.verifyAll();
    expect(report.problems).toEqual([]);
    expect(report.eventsChecked).toBe(events);
    for (const token of ["demo-support-token", "demo-finance-token", "demo-admin-token", "demo-service-token"]) {
      expect(await authenticateToken(t.db, token)).not.toBeNull();
    }
    // At least three deployments wrote it.
    const versions = await t.db.prisma.event.groupBy({ by: ["appVersion"], _count: { _all: true } });
    expect(versions.length).toBeGreaterThanOrEqual(3);
  });

  test("every invoice balances, and the first accounts end as before", async () => {
    expect((await stateAt(runtime.store, "subscription-acme")).state).toMatchObject({
      status: "active",
      plan: "enterprise",
      seats: 8,
    });
    expect((await stateAt(runtime.store, "subscription-umbrella")).state).toMatchObject({ status: "canceled" });
    expect((await stateAt(runtime.store, "lead-hooli")).state).toMatchObject({ stage: "converted" });
    const invoices = await t.db.prisma.stream.findMany({
      where: { streamType: "invoice" },
      select: { streamId: true },
    });
    expect(invoices.length).toBeGreaterThan(50);
    for (const { streamId } of invoices) {
      const invoice = (await stateAt(runtime.store, streamId)).state as Issued;
      expect(invoice.charged - invoice.credited - invoice.paid + invoice.refunded).toBe(invoice.balance);
    }
  });

  test("the duplicated downgrade: one delivery, two downgrades, a credit note naming the second", async () => {
    const all = await ofAccount("northwind");
    const downgrades = all.filter((e) => e.type === "PlanDowngraded");
    expect(downgrades.map((e) => [e.data.toPlan, e.metadata.correlationId, e.metadata.idempotencyKey])).toEqual([
      ["pro", "delivery:evt_sub_4471", null],
      ["starter", "delivery:evt_sub_4471", null],
    ]);
    const credit = all.find(
      (e) => e.type === "CreditNoteIssued" && e.data.compensatesEventId === downgrades[1]!.eventId,
    );
    expect(credit?.metadata.actor).toMatchObject({ id: "dana" });
  });

  test("the bad deployment: whole-period prorations, each corrected by a credit note naming it", async () => {
    for (const accountId of ["fabrikam", "tailspin", "wingtip", "litware"]) {
      const all = await ofAccount(accountId);
      const wrong = all.filter((e) => e.type === "ProrationApplied" && e.metadata.appVersion === BAD_DEPLOYMENT);
      expect(wrong, accountId).toHaveLength(1);
      expect(wrong[0]!.data.daysRemaining).toBe(wrong[0]!.data.periodDays);
      const correction = all.find(
        (e) => e.type === "CreditNoteIssued" && e.data.compensatesEventId === wrong[0]!.eventId,
      );
      expect(correction?.metadata.actor).toMatchObject({ id: "priya" });
    }
  });

  test("a webhook delivered three times: one payment, two replays on record", async () => {
    const payments = (await ofAccount("soylent")).filter(
      (e) => e.type === "PaymentRecorded" && e.data.providerRef === "ch_soylent_1",
    );
    expect(payments).toHaveLength(1);
    const replays = await runtime.store.readReplays("soylent", payments[0]!.position, payments[0]!.position);
    expect(replays.map((r) => r.source)).toEqual(["webhook", "webhook"]);
  });

  test("the coupon: applied by sales, removed by an automation on a Tuesday, re-applied by support", async () => {
    const coupons = (await ofAccount("stark")).filter((e) => e.type.startsWith("Coupon"));
    expect(coupons.map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ["CouponApplied", "crm-sync"],
      ["CouponRemoved", "coupon-janitor"],
      ["CouponApplied", "support-desk"],
    ]);
    expect(coupons[1]!.occurredAt.getUTCDay()).toBe(2);
  });

  test("the disputed invoice: the renewal's lines, half paid by bank transfer", async () => {
    const issued = (await ofAccount("contoso")).filter((e: RecordedEvent) => e.type === "InvoiceIssued").at(-1)!;
    const invoice = (await stateAt(runtime.store, `invoice-${issued.data.invoiceId}`)).state as Issued;
    expect(invoice.lines.map((l) => l.amount)).toEqual([20 * 99000, -(20 * 99000 * 0.2)]);
    expect(invoice.payments).toEqual([
      expect.objectContaining({ method: "bank_transfer", amount: invoice.charged / 2 }),
    ]);
    expect(invoice.status).toBe("open");
  });

  test("the price change: trials converted before it pay USD 99, after it USD 119", async () => {
    // The price each conversion was billed at (its renewals since follow the price list too).
    const price = async (accountId: string) =>
      (await runtime.store.readStream(`subscription-${accountId}`)).find((e) => e.type === "TrialConverted")!.data
        .unitPrice;
    expect(await price("cobalt")).toBe(9900);
    expect(await price("kestrel")).toBe(11900);
    expect(await price("foxglove")).toBe(99000);
  });

  test("leads scored by the legacy model are stored as LeadScored v1, then rescored; Pied Piper converted", async () => {
    const scores = (await runtime.store.readStream("lead-piedpiper")).filter((e) => e.type === "LeadScored");
    expect(scores.map((e) => [e.storedSchemaVersion, e.data.model])).toEqual([
      [1, "v1-legacy"],
      [2, "fit-2026.3"],
    ]);
    const lead = (await stateAt(runtime.store, "lead-piedpiper")).state as Extract<LeadState, { stage: string }>;
    expect(lead.stage).toBe("converted");
  });
});

describe("demo seed after an interrupted first boot", () => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  test("a boot stopped after the price change (written first) seeds the rest, without changing the price twice", async () => {
    t = await createTestDatabase();
    const runtime = createRuntime(t.db);
    const now = new Date();
    const stopAfterFirstStep = (done: number) => {
      if (done === 1) throw new Error("the process stopped");
    };
    await expect(seedDemoData(runtime, { now, accounts: 0, onProgress: stopAfterFirstStep })).rejects.toThrow(
      "the process stopped",
    );
    expect(await runtime.store.streamVersion("pricelist-standard")).toBe(1);
    expect(await runtime.store.streamVersion("account-acme")).toBe(0);

    expect((await seedDemoData(runtime, { now, accounts: 0 })).seeded).toBe(true);
    expect(await runtime.store.streamVersion("pricelist-standard")).toBe(1);
    expect(await runtime.store.streamVersion("account-acme")).toBeGreaterThan(0);
  }, 300_000);
});
