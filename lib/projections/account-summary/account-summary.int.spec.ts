import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyLog } from "../testing/apply-log";
import { at, buildHistory, type History } from "../testing/history";
import { checkAccountSummary } from "./consistency";
import { accountSummaryProjection } from "./projection";
import { getAccountSummary, listAccountSummaries } from "./queries";

describe("account-summary", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let history: History;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    history = await buildHistory(runtime);
    await applyLog(runtime, accountSummaryProjection);
  });
  afterAll(async () => t?.drop());

  const summary = async (accountId: string) => (await getAccountSummary(t.db, accountId))!;

  test("list-price MRR: monthly unit price × seats, annual / 12 rounded half away from zero", async () => {
    expect(await summary("t-monthly")).toMatchObject({
      name: "Monthly Five",
      billingEmail: "billing@t-monthly.example",
      accountStatus: "open",
      subscriptionStatus: "active",
      plan: "pro",
      interval: "monthly",
      seats: 5,
      couponCode: null,
      mrr: 49500,
      currency: "USD",
      openBalance: 49500,
      lifecycleStage: "customer",
    });
    expect(await summary("t-annual")).toMatchObject({ plan: "pro", interval: "annual", seats: 20, mrr: 165000 });
  });

  test("a downgrade, a coupon, an upgrade, a trial", async () => {
    // Pro 3 seats → Starter on day 10 of 31: the credit note (14 226) reduces the purchase invoice.
    expect(await summary("t-downgrade")).toMatchObject({ plan: "starter", seats: 3, mrr: 8700, openBalance: 15474 });
    // The coupon is shown but MRR stays at list price.
    expect(await summary("t-coupon")).toMatchObject({ couponCode: "SAVE20", mrr: 5800 });
    // Upgrade: the purchase invoice (5 800) and the proration charge (14 000 × 21/31 = 9 484) are open.
    expect(await summary("t-upgrade")).toMatchObject({ plan: "pro", mrr: 19800, openBalance: 5800 + 9484 });
    expect(await summary("t-trial")).toMatchObject({ subscriptionStatus: "active", mrr: 29700, seats: 3 });
  });

  test("pause, resume and cancellation move MRR and the lifecycle stage", async () => {
    expect(await summary("t-pause")).toMatchObject({ subscriptionStatus: "paused", mrr: 0, lifecycleStage: "paused" });
    expect(await summary("t-resume")).toMatchObject({ subscriptionStatus: "active", mrr: 19800, openBalance: 39600 });
    // Canceled on day 7, bought again on day 20.
    expect(await summary("t-cancel")).toMatchObject({ subscriptionStatus: "active", mrr: 2900 });
    expect(await getAccountSummary(t.db, "t-unknown")).toBeNull();
  });

  test("a partial payment and a credit note leave the rest open", async () => {
    // 9 900 − 4 000 paid − 1 000 credited.
    expect(await summary("t-partial")).toMatchObject({ openBalance: 4900, lastActivityAt: at(3).toISOString() });
  });

  test("erased personal data reads [erased]", async () => {
    expect(await summary("t-erased")).toMatchObject({
      name: "[erased]",
      billingEmail: "[erased]",
      accountStatus: "open",
      mrr: 2900,
    });
  });

  test("lists by name and searches by name, email or id, a page at a time", async () => {
    const first = await listAccountSummaries(t.db, { limit: 5 });
    const found = await listAccountSummaries(t.db, { search: "PAUSE", limit: 10 });
    expect(found.items.map((i) => i.accountId)).toEqual(["t-pause"]);
    expect((await listAccountSummaries(t.db, { search: "billing@t-res", limit: 10 })).items).toHaveLength(1);
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await listAccountSummaries(t.db, { limit: 4, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(12); // 10 bought at once, the trial, the converted lead's account
    const ids = all.map((i) => i.accountId);
    expect(new Set(ids).size).toBe(12); // pages neither repeat nor skip
    expect(ids).toContain(history.leadAccountId);
    expect(first.items.map((i) => i.accountId)).toEqual(ids.slice(0, 5));
    // By name, in the database's collation, accounts without a name last.
    const byName = await t.db.prisma.$queryRaw<{ account_id: string }[]>`
      SELECT account_id FROM rm_account_summary ORDER BY name ASC NULLS LAST, account_id`;
    expect(ids).toEqual(byName.map((r) => r.account_id));
    expect((await listAccountSummaries(t.db, { limit: 4, cursor: "not-a-cursor" })).items).toEqual(all.slice(0, 4));
  });

  test("the consistency check finds nothing, then a tampered row", async () => {
    expect(await checkAccountSummary(runtime, "all")).toEqual([]);
    await t.db.prisma
      .$executeRaw`UPDATE rm_account_summary SET seats = 7, plan = 'enterprise' WHERE account_id = 't-monthly'`;
    await t.db.prisma.$executeRaw`DELETE FROM rm_account_summary WHERE account_id = 't-coupon'`;
    expect(await checkAccountSummary(runtime, "all")).toEqual([
      { projection: "account-summary", key: "t-coupon", field: "row", expected: "present", actual: null },
      { projection: "account-summary", key: "t-monthly", field: "plan", expected: "pro", actual: "enterprise" },
      { projection: "account-summary", key: "t-monthly", field: "seats", expected: 5, actual: 7 },
    ]);
    expect(await checkAccountSummary(runtime, ["t-monthly"])).toHaveLength(2);
    expect(await checkAccountSummary(runtime, ["t-annual", "t-pause", "t-resume"], 2)).toEqual([]);
  });
});
