import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyLog } from "../testing/apply-log";
import { trialConversionsProjection } from "./projection";
import { listConversions, trialOutcomes } from "./queries";

const day = (n: number) => new Date(Date.UTC(2026, 4, 1, 10) + n * 86_400_000);

describe("trial-conversions", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const run = (now: Date, type: string, data: Record<string, unknown>) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api", now });
  const trial = async (accountId: string, started: number) => {
    await run(day(started), "OpenAccount", {
      accountId,
      name: accountId,
      billingEmail: `b@${accountId}.example`,
      currency: "USD",
    });
    await run(day(started), "StartTrial", { accountId, plan: "pro", seats: 3, days: 14 });
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    // Pro monthly goes from 99.00 to 119.00 per seat on day 20 (decided on day 1).
    await run(day(1), "ChangePlanPrice", {
      plan: "pro",
      interval: "monthly",
      unitPrice: 11900,
      effectiveFrom: day(20).toISOString(),
      reason: "2026 pricing",
    });
    await trial("early", 0);
    await run(day(10), "ConvertTrial", { accountId: "early", interval: "monthly" });
    await trial("late", 12);
    await run(day(22), "ConvertTrial", { accountId: "late", interval: "monthly", seats: 4 });
    await trial("gone", 5);
    await run(day(8), "ScheduleCancellation", { accountId: "gone", when: "now" });
    await trial("running", 30);
    // Canceled at its trial's end (day 54), recorded when the billing clock got to it (day 60).
    await trial("lapsed", 40);
    await run(day(45), "ScheduleCancellation", { accountId: "lapsed", when: "period_end" });
    await run(day(60), "CancelSubscription", { accountId: "lapsed" });
    await applyLog(runtime, trialConversionsProjection);
  });
  afterAll(async () => t?.drop());

  test("each conversion at the price in effect when it converted", async () => {
    const all = await listConversions(t.db, { limit: 10 });
    expect(all.map((c) => [c.accountId, c.plan, c.seats, c.unitPrice, c.convertedAt])).toEqual([
      ["early", "pro", 3, 9900, day(10).toISOString()],
      ["late", "pro", 4, 11900, day(22).toISOString()],
    ]);
    const afterTheChange = await listConversions(t.db, { from: day(20), limit: 10 });
    expect(afterTheChange.map((c) => c.accountId)).toEqual(["late"]);
  });

  test("how the trials ended in a window: converted, canceled, in trial at its end", async () => {
    expect(await trialOutcomes(t.db, {})).toEqual({ converted: 2, canceled: 2, trialing: 1 });
    expect(await trialOutcomes(t.db, { from: day(11) })).toEqual({ converted: 1, canceled: 1, trialing: 1 });
    // On day 13 "late" (started day 12, converts day 22) is in trial.
    expect(await trialOutcomes(t.db, { to: day(13) })).toEqual({ converted: 1, canceled: 1, trialing: 1 });
    expect(await trialOutcomes(t.db, { plan: "starter" })).toEqual({ converted: 0, canceled: 0, trialing: 0 });
    expect(await trialOutcomes(t.db, { interval: "monthly" })).toEqual({
      converted: 2,
      canceled: null,
      trialing: null,
    });
  });

  test("a trial canceled at its end counts as canceled then, not when the cancellation was recorded", async () => {
    const row = await t.db.prisma.rmTrialConversion.findUniqueOrThrow({ where: { accountId: "lapsed" } });
    expect([row.status, row.canceledAt?.toISOString()]).toEqual(["canceled", day(54).toISOString()]);
    expect(await trialOutcomes(t.db, { from: day(50), to: day(58) })).toMatchObject({ canceled: 1 });
  });

  test("applying the log again changes nothing", async () => {
    const before = await listConversions(t.db, { limit: 10 });
    await applyLog(runtime, trialConversionsProjection);
    expect(await listConversions(t.db, { limit: 10 })).toEqual(before);
  });
});
