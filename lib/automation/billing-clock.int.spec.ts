import { afterAll, beforeAll, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountSummaryProjection } from "@/lib/projections/account-summary/projection";
import { listAccountsWithSubscriptionDue } from "@/lib/projections/account-summary/queries";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { runBillingClock } from "./billing-clock";
import { issueCommand } from "@/lib/automation/issue-command";

let t: TestDatabase;
let runtime: Runtime;
const caller = { system: "test" } as const;
const at = (iso: string) => new Date(iso);
const run = (type: string, data: Record<string, unknown>, now: string) =>
  issueCommand(runtime, { type, data, caller, source: "system", now: at(now) });

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

test('scope "due" loads only what the account summary shows as due, and then acts like a full sweep', async () => {
  for (const accountId of ["due-a", "due-b"]) {
    await run(
      "OpenAccount",
      { accountId, name: accountId, billingEmail: `${accountId}@x.example`, currency: "USD" },
      "2026-01-01T00:00:00Z",
    );
    await run("PurchasePlan", { accountId, plan: "starter", interval: "monthly", seats: 1 }, "2026-01-10T00:00:00Z");
  }
  await run("ScheduleCancellation", { accountId: "due-b", when: "period_end" }, "2026-01-20T00:00:00Z");
  const now = at("2026-03-01T00:00:00Z");

  // The read model has not seen these accounts yet: nothing looks due.
  expect(await runBillingClock(runtime, now, { scope: "due" })).toEqual({ renewed: 0, canceled: 0 });
  await applyLog(runtime, accountSummaryProjection);
  expect(await listAccountsWithSubscriptionDue(t.db, now)).toEqual(["due-a", "due-b"]);
  expect(await listAccountsWithSubscriptionDue(t.db, at("2026-02-09T00:00:00Z"))).toEqual([]);

  // due-a: renewals on Feb 10 (the Mar 10 one is not due yet); due-b: canceled at its period end.
  expect(await runBillingClock(runtime, now, { scope: "due" })).toEqual({ renewed: 1, canceled: 1 });
  expect(await runBillingClock(runtime, now, { scope: "all" })).toEqual({ renewed: 0, canceled: 0 });
  const b = await runtime.store.readStream("subscription-due-b");
  expect(b.at(-1)).toMatchObject({ type: "SubscriptionCanceled", data: { canceledAt: "2026-02-10T00:00:00.000Z" } });
});
