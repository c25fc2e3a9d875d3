import { afterAll, beforeAll, expect, test } from "vitest";
import { appVersion } from "@/lib/app-version";
import { hasProjected } from "@/lib/projections/read-after-write";
import { ProjectionRunner } from "@/lib/projections/runner";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";
import { issueCommand } from "@/lib/automation/issue-command";
import { createPolicyReactor } from "./policy-reactor";

let t: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
});
afterAll(async () => t?.drop());

test("the policy reactor issues a follow-up that the inline run missed, once, caused by the event", async () => {
  const caller = { system: "test" } as const;
  await issueCommand(runtime, {
    type: "OpenAccount",
    data: { accountId: "late", name: "Late Ltd", billingEmail: "l@l.example", currency: "USD" },
    caller,
    source: "system",
  });
  // A purchase written as if the process died right after appending it: no inline follow-up ran.
  const purchase = {
    accountId: "late",
    plan: "pro",
    interval: "monthly",
    unitPrice: 9900,
    seats: 2,
    currency: "USD",
    periodStart: "2026-11-01T00:00:00.000Z",
    periodEnd: "2026-12-01T00:00:00.000Z",
    invoiceId: "late-inv-1",
    creditApplied: 0,
  };
  const appended = await runtime.store.append(
    "subscription-late",
    [{ type: "PlanPurchased", data: purchase, occurredAt: new Date("2026-11-01T00:00:00Z") }],
    {
      expectedVersion: "no_stream",
      metadata: {
        actor: { type: "system", id: "test" },
        source: "system",
        requestId: "r1",
        correlationId: "c1",
        appVersion,
        accountId: "late",
      },
    },
  );
  expect(await runtime.store.streamVersion("invoice-late-inv-1")).toBe(0);

  const runner = new ProjectionRunner(runtime, [createPolicyReactor(runtime)], { pollMs: 50, log: () => undefined });
  await runner.start();
  try {
    await eventually(async () => expect(await runtime.store.streamVersion("invoice-late-inv-1")).toBe(1));
    const [issued] = await runtime.store.readStream("invoice-late-inv-1");
    expect(issued).toMatchObject({ type: "InvoiceIssued", data: { total: 19800 } });
    expect(issued!.metadata).toMatchObject({
      causationId: appended.events[0]!.eventId,
      correlationId: "c1",
      actor: { type: "system", id: "billing-policy" },
    });
    // Replaying the reactor from the start changes nothing.
    await t.db.prisma.$executeRaw`UPDATE projection_checkpoints SET position = 0 WHERE name = 'billing-policy'`;
    await eventually(async () =>
      expect(await hasProjected(t.db.prisma, "billing-policy", appended.position)).toBe(true),
    );
    expect(await runtime.store.streamVersion("invoice-late-inv-1")).toBe(1);
  } finally {
    await runner.stop();
  }
});
