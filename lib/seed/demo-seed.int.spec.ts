import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authenticateToken } from "@/lib/auth/api-tokens";
import type { InvoiceState, SubscriptionState } from "@/lib/domain";
import { stateAt } from "@/lib/history/state-at";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { seedDemoData } from "./demo-seed";

describe("demo seed", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
  });
  afterAll(async () => t?.drop());

  test("writes a verifiable history through the command handler, once", async () => {
    const first = await seedDemoData(runtime);
    expect(first.seeded).toBe(true);
    expect(first.events).toBeGreaterThan(50);
    expect(await seedDemoData(runtime)).toEqual({ seeded: false, events: 0 });

    const report = await runtime.store.verifyAll();
    expect(report.problems).toEqual([]);
    expect(report.eventsChecked).toBe(first.events);

    const acme = (await stateAt(runtime.store, "subscription-acme")).state as SubscriptionState;
    expect(acme).toMatchObject({ status: "active", plan: "enterprise", seats: 8 });
    expect((await stateAt(runtime.store, "subscription-umbrella")).state).toMatchObject({ status: "canceled" });
    expect((await stateAt(runtime.store, "subscription-globex")).state).toMatchObject({
      plan: "starter",
      interval: "annual",
    });
    expect((await stateAt(runtime.store, "lead-hooli")).state).toMatchObject({ stage: "converted" });

    // Every invoice the policies issued balances: charged - credited - paid + refunded.
    const invoiceIds = await t.db.prisma.stream.findMany({
      where: { streamType: "invoice" },
      select: { streamId: true },
    });
    expect(invoiceIds.length).toBeGreaterThan(8);
    for (const { streamId } of invoiceIds) {
      const invoice = (await stateAt(runtime.store, streamId)).state as Exclude<InvoiceState, { status: "none" }>;
      expect(invoice.charged - invoice.credited - invoice.paid + invoice.refunded).toBe(invoice.balance);
      expect(invoice.balance).toBeGreaterThanOrEqual(0);
    }

    for (const token of ["demo-support-token", "demo-finance-token", "demo-admin-token", "demo-service-token"]) {
      expect(await authenticateToken(t.db, token)).not.toBeNull();
    }
  });
});
