import { afterAll, beforeAll, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { runBillingClock } from "./billing-clock";
import { handleCommand } from "./handle-command";

let t: TestDatabase;
let runtime: Runtime;
const caller = { system: "test" } as const;
const at = (iso: string) => new Date(iso);
const run = (type: string, data: Record<string, unknown>, now: string) =>
  handleCommand(runtime, { type, data, caller, source: "system", now: at(now) });

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
});
afterAll(async () => t?.drop());

test("renews every period that ended, bills each, completes due cancellations, and acts once", async () => {
  for (const accountId of ["clock-a", "clock-b"]) {
    await run(
      "OpenAccount",
      { accountId, name: accountId, billingEmail: `${accountId}@x.example`, currency: "USD" },
      "2026-01-01T00:00:00Z",
    );
    await run("PurchasePlan", { accountId, plan: "pro", interval: "monthly", seats: 2 }, "2026-01-15T00:00:00Z");
  }
  await run("ScheduleCancellation", { accountId: "clock-b", when: "period_end" }, "2026-02-01T00:00:00Z");

  const now = at("2026-04-20T00:00:00Z");
  expect(await runBillingClock(runtime, now)).toEqual({ renewed: 3, canceled: 1 });
  expect(await runtime.store.streamVersion("subscription-clock-a")).toBe(4); // purchase + renewals on Feb, Mar, Apr 15
  const renewals = (await runtime.store.readStream("subscription-clock-a")).filter(
    (e) => e.type === "SubscriptionRenewed",
  );
  expect(renewals.map((e) => [e.occurredAt.toISOString(), e.data.periodEnd])).toEqual([
    ["2026-02-15T00:00:00.000Z", "2026-03-15T00:00:00.000Z"],
    ["2026-03-15T00:00:00.000Z", "2026-04-15T00:00:00.000Z"],
    ["2026-04-15T00:00:00.000Z", "2026-05-15T00:00:00.000Z"],
  ]);
  for (const renewal of renewals) {
    expect(await runtime.store.streamVersion(`invoice-${renewal.data.invoiceId}`)).toBe(1);
  }
  const b = await runtime.store.readStream("subscription-clock-b");
  expect(b.at(-1)).toMatchObject({ type: "SubscriptionCanceled", data: { canceledAt: "2026-02-15T00:00:00.000Z" } });

  expect(await runBillingClock(runtime, now)).toEqual({ renewed: 0, canceled: 0 });
});
