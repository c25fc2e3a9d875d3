import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { accountSummaryProjection } from "@/lib/projections/account-summary/projection";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { trialConversionsProjection } from "@/lib/projections/trial-conversions/projection";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { type ConversionFilters, readConversions } from "./conversions";

const day = (n: number) => new Date(Date.UTC(2026, 4, 1, 10) + n * 86_400_000);
const iso = (n: number) => day(n).toISOString();

async function setUp() {
  const t = await createTestDatabase();
  const runtime = createRuntime(t.db);
  const run = (now: Date, type: string, data: Record<string, unknown>) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api", now });
  const trial = async (accountId: string, started: number, plan = "pro") => {
    await run(day(started), "OpenAccount", {
      accountId,
      name: `${accountId} Ltd`,
      billingEmail: `b@${accountId}.example`,
      currency: "USD",
    });
    await run(day(started), "StartTrial", { accountId, plan, seats: 3, days: 30 });
  };
  const project = async () => {
    for (const p of [trialConversionsProjection, accountTimelineProjection, accountSummaryProjection])
      await applyLog(runtime, p);
  };
  return { t, runtime, run, trial, project };
}

describe("readConversions", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const read = (filters: ConversionFilters = {}) => readConversions(filters, runtime);
  const ids = (rows: readonly { accountId: string }[]) => rows.map((r) => r.accountId);

  beforeAll(async () => {
    const s = await setUp();
    ({ t, runtime } = s);
    // Recorded out of order: the day-30 change first, then the day-20 one.
    const price = (now: number, unitPrice: number, from: number) =>
      s.run(day(now), "ChangePlanPrice", {
        plan: "pro",
        interval: "monthly",
        unitPrice,
        effectiveFrom: iso(from),
        reason: "2026 pricing",
      });
    await price(1, 12900, 30);
    await price(2, 11900, 20);
    const convert = (accountId: string, at: number, interval = "monthly") =>
      s.run(day(at), "ConvertTrial", { accountId, interval });
    await s.trial("before", 0);
    await convert("before", 19);
    await s.trial("exactly", 7);
    await convert("exactly", 20);
    await s.trial("annual", 5);
    await convert("annual", 22, "annual");
    await s.trial("between", 10);
    await convert("between", 25);
    await s.trial("after", 18);
    await convert("after", 31);
    await s.trial("starter", 3, "starter");
    await convert("starter", 12);
    await s.trial("gone", 5);
    await s.run(day(8), "ScheduleCancellation", { accountId: "gone", when: "now" });
    await s.trial("running", 21);
    await s.project();
  });
  afterAll(async () => t?.drop());

  test("each conversion names the price change in effect when it converted, by effective date", async () => {
    const { rows } = await read();
    const byId = Object.fromEntries(rows.map((r) => [r.accountId, r]));
    const since = (id: string) => byId[id]!.priceChange?.effectiveFrom ?? null;
    expect(byId.before!.unitPrice).toBe(9900);
    expect(since("before")).toBeNull(); // a day before the first change: list price
    expect([byId.exactly!.unitPrice, since("exactly")]).toEqual([11900, iso(20)]); // at the instant it starts
    expect([byId.between!.unitPrice, since("between")]).toEqual([11900, iso(20)]);
    // The day-30 change was recorded first; the later-effective one is in effect.
    expect([byId.after!.unitPrice, since("after")]).toEqual([12900, iso(30)]);
    expect(since("annual")).toBeNull(); // another interval's change
    expect(since("starter")).toBeNull();
    expect(byId.after!.accountName).toBe("after Ltd");
  });

  test("the price changes in the order recorded, each once", async () => {
    const { priceChanges } = await read();
    expect(priceChanges.map((c) => (c.data as { effectiveFrom: string }).effectiveFrom)).toEqual([iso(30), iso(20)]);
  });

  test("filters on conversion date (from inclusive, to exclusive), plan and interval", async () => {
    expect(ids((await read()).rows)).toEqual(["starter", "before", "exactly", "annual", "between", "after"]);
    expect(ids((await read({ from: day(20), to: day(31) })).rows)).toEqual(["exactly", "annual", "between"]);
    expect(ids((await read({ plan: "pro", interval: "monthly" })).rows)).toEqual([
      "before",
      "exactly",
      "between",
      "after",
    ]);
    expect(ids((await read({ plan: "starter" })).rows)).toEqual(["starter"]);
  });

  test("every figure counts the table's window and filters", async () => {
    const windowed = await read({ from: day(20), to: day(30), plan: "pro", interval: "monthly" });
    expect(ids(windowed.rows)).toEqual(["exactly", "between"]);
    // A trial has no interval until it converts: canceled and running trials cannot be filtered by one.
    expect(windowed.outcomes).toEqual({ converted: 2, canceled: null, trialing: null });

    const pro = await read({ from: day(0), to: day(30), plan: "pro" });
    expect(ids(pro.rows)).toEqual(["before", "exactly", "annual", "between"]);
    // Canceled in the window: gone (day 8). In trial on day 30: after (converts on day 31) and running.
    expect(pro.outcomes).toEqual({ converted: 4, canceled: 1, trialing: 2 });

    expect((await read({ from: day(20) })).outcomes).toEqual({ converted: 4, canceled: 0, trialing: 1 });
    expect((await read()).outcomes).toEqual({ converted: 6, canceled: 1, trialing: 1 });
  });
});

describe("readConversions with many price changes", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const CHANGES = 205;

  beforeAll(async () => {
    const s = await setUp();
    ({ t, runtime } = s);
    for (let i = 0; i < CHANGES; i++) {
      await s.run(day(1), "ChangePlanPrice", {
        plan: "starter",
        interval: "annual",
        unitPrice: 15000 + (i % 2),
        effectiveFrom: new Date(day(2).getTime() + i * 60_000).toISOString(),
        reason: `step ${i}`,
      });
    }
    await s.trial("late", 3, "starter");
    await s.run(day(5), "ConvertTrial", { accountId: "late", interval: "annual" });
    await s.project();
  }, 120_000);
  afterAll(async () => t?.drop());

  test("reads every change, not the first 200", async () => {
    const { rows, priceChanges } = await readConversions({}, runtime);
    expect(priceChanges).toHaveLength(CHANGES);
    expect(rows[0]!.priceChange?.effectiveFrom).toBe(new Date(day(2).getTime() + (CHANGES - 1) * 60_000).toISOString());
    expect(rows[0]!.priceChange?.position).toBe(priceChanges.at(-1)!.position);
  });
});
