import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyLog } from "../testing/apply-log";
import { buildHistory, dayOf } from "../testing/history";
import { revenueMovementsProjection } from "./projection";
import { currentMrr, movementsForAccount, revenueByDay } from "./queries";

const zero = { newMrr: 0, expansionMrr: 0, contractionMrr: 0, churnMrr: 0, reactivationMrr: 0 };

describe("revenue-movements", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await buildHistory(runtime);
    await applyLog(runtime, revenueMovementsProjection);
  });
  afterAll(async () => t?.drop());

  const movements = async (accountId: string) =>
    (await movementsForAccount(t.db, accountId)).map(({ accountId: _a, currency: _c, ...m }) => m);

  test("a pause is a contraction, a resume an expansion", async () => {
    expect(await movements("t-resume")).toEqual([
      { ...zero, day: dayOf(0), newMrr: 19800, netMrr: 19800 },
      { ...zero, day: dayOf(5), contractionMrr: 19800, netMrr: -19800 },
      { ...zero, day: dayOf(8), expansionMrr: 19800, netMrr: 19800 },
    ]);
  });

  test("a cancellation is churn, buying again a reactivation", async () => {
    expect(await movements("t-cancel")).toEqual([
      { ...zero, day: dayOf(0), newMrr: 2900, netMrr: 2900 },
      { ...zero, day: dayOf(7), churnMrr: 2900, netMrr: -2900 },
      { ...zero, day: dayOf(20), reactivationMrr: 2900, netMrr: 2900 },
    ]);
  });

  test("a downgrade contracts, an upgrade expands, a trial is new when converted, a coupon moves nothing", async () => {
    expect(await movements("t-downgrade")).toEqual([
      { ...zero, day: dayOf(0), newMrr: 29700, netMrr: 29700 },
      { ...zero, day: dayOf(10), contractionMrr: 21000, netMrr: -21000 },
    ]);
    expect(await movements("t-upgrade")).toEqual([
      { ...zero, day: dayOf(0), newMrr: 5800, netMrr: 5800 },
      { ...zero, day: dayOf(10), expansionMrr: 14000, netMrr: 14000 },
    ]);
    expect(await movements("t-trial")).toEqual([{ ...zero, day: dayOf(14), newMrr: 29700, netMrr: 29700 }]);
    expect(await movements("t-coupon")).toEqual([{ ...zero, day: dayOf(0), newMrr: 5800, netMrr: 5800 }]);
    expect(await movements("t-annual")).toEqual([{ ...zero, day: dayOf(0), newMrr: 165000, netMrr: 165000 }]);
  });

  test("totals per day add up to the current MRR", async () => {
    const days = await revenueByDay(t.db, { from: dayOf(0), to: dayOf(30) });
    const usd = { currency: "USD" };
    expect(days).toEqual([
      { ...zero, ...usd, day: dayOf(0), newMrr: 301200, netMrr: 301200 },
      { ...zero, ...usd, day: dayOf(5), contractionMrr: 29700, netMrr: -29700 },
      { ...zero, ...usd, day: dayOf(6), newMrr: 29000, netMrr: 29000 },
      { ...zero, ...usd, day: dayOf(7), churnMrr: 2900, netMrr: -2900 },
      { ...zero, ...usd, day: dayOf(8), expansionMrr: 19800, netMrr: 19800 },
      { ...zero, ...usd, day: dayOf(10), contractionMrr: 21000, expansionMrr: 14000, netMrr: -7000 },
      { ...zero, ...usd, day: dayOf(14), newMrr: 29700, netMrr: 29700 },
      { ...zero, ...usd, day: dayOf(20), reactivationMrr: 2900, netMrr: 2900 },
    ]);
    expect(await revenueByDay(t.db, { from: dayOf(6), to: dayOf(7) })).toHaveLength(2);
    const net = days.reduce((sum, d) => sum + d.netMrr, 0);
    expect(await currentMrr(t.db)).toEqual([{ currency: "USD", mrr: net, accounts: 11 }]);
    expect(net).toBe(343000);
  });
});
