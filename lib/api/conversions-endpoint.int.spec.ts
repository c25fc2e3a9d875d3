import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { issueCommand } from "@/lib/automation/issue-command";
import { accountSummaryProjection } from "@/lib/projections/account-summary/projection";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { trialConversionsProjection } from "@/lib/projections/trial-conversions/projection";
import { CONVERSION_COLUMNS } from "@/lib/queries/conversions";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { conversionsExportEndpoint } from "./conversions-endpoint";

const day = (n: number) => new Date(Date.UTC(2026, 4, 1, 10) + n * 86_400_000);
const BULK = 1201;

let t: TestDatabase;
let runtime: Runtime;
let endpoint: ReturnType<typeof conversionsExportEndpoint>;

async function get(query: string, token = "t-finance") {
  const request = new Request(`http://ledgerline.test/api/reports/conversions?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const res = await endpoint(request);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}
const csvRows = (text: string): Record<string, string>[] => parse(text, { columns: true });

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  endpoint = conversionsExportEndpoint({ runtime: async () => runtime });
  for (const role of ["finance", "support"] as const)
    await createApiToken(t.db, { name: role, role, principalType: "user", principalId: role, token: `t-${role}` });
  const run = (now: Date, type: string, data: Record<string, unknown>) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api", now });
  await run(day(1), "ChangePlanPrice", {
    plan: "pro",
    interval: "monthly",
    unitPrice: 11900,
    effectiveFrom: day(20).toISOString(),
    reason: "2026 pricing",
  });
  for (const [accountId, started, converted] of [
    ["early", 0, 10],
    ["late", 12, 22],
  ] as const) {
    await run(day(started), "OpenAccount", {
      accountId,
      name: `${accountId}, Inc.`,
      billingEmail: "b@x.example",
      currency: "USD",
    });
    await run(day(started), "StartTrial", { accountId, plan: "pro", seats: 3, days: 30 });
    await run(day(converted), "ConvertTrial", { accountId, interval: "monthly" });
  }
  for (const p of [trialConversionsProjection, accountTimelineProjection, accountSummaryProjection])
    await applyLog(runtime, p);
  // Written straight into the read model: 1,201 trials through the handler would take minutes.
  await t.db.prisma.$executeRaw`
    INSERT INTO rm_trial_conversions (account_id, trial_plan, trial_seats, trial_started_at, trial_ends_at, status,
      converted_at, plan, interval, seats, unit_price, currency, last_position)
    SELECT 'bulk-' || lpad(i::text, 5, '0'), 'starter', 1, timestamptz '2027-01-01', timestamptz '2027-01-15',
      'converted', timestamptz '2027-01-01' + i * interval '1 minute', 'starter', 'monthly', 1, 1500, 'USD', 0
    FROM generate_series(1, ${BULK}::int) AS i`;
}, 60_000);
afterAll(async () => t?.drop());

describe("GET /api/reports/conversions?format=csv", () => {
  test("one row per converted trial, in the documented columns, past the first thousand", async () => {
    const res = await get("format=csv");
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.text.split("\r\n")[0]).toBe(CONVERSION_COLUMNS.join(","));
    const rows = csvRows(res.text);
    expect(rows).toHaveLength(BULK + 2);
    expect(rows.slice(0, 3).map((r) => r.accountId)).toEqual(["early", "late", "bulk-00001"]);
    expect(rows.at(-1)!.accountId).toBe(`bulk-0${BULK}`);
    expect(new Set(rows.map((r) => r.accountId)).size).toBe(BULK + 2);
  });

  test("the price each paid, and since when that price held", async () => {
    const rows = csvRows((await get("format=csv&plan=pro")).text);
    expect(rows.map((r) => [r.accountId, r.accountName, r.unitPrice, r.priceSince])).toEqual([
      ["early", "early, Inc.", "9900", ""],
      ["late", "late, Inc.", "11900", day(20).toISOString()],
    ]);
  });

  test("the page's filters: conversion date (from inclusive, to exclusive), plan, interval", async () => {
    const ids = async (query: string) => csvRows((await get(`format=csv&${query}`)).text).map((r) => r.accountId);
    expect(await ids("from=2026-05-21&plan=pro&interval=monthly")).toEqual(["late"]);
    expect(await ids("to=2026-05-23")).toEqual(["early"]); // late converted on the 23rd, 10:00
    expect(await ids("to=2026-05-24")).toEqual(["early", "late"]);
    expect(await ids("interval=annual")).toEqual([]);
    expect(await ids("from=2027-01-01T00:00:00Z&to=2027-01-01T00:03:00Z")).toEqual(["bulk-00001", "bulk-00002"]);
  });

  test("refuses a role without reports and a malformed filter", async () => {
    expect((await get("format=csv", "t-support")).status).toBe(403);
    expect((await get("format=csv&from=yesterday")).status).toBe(400);
    expect((await get("format=csv&plan=gold")).status).toBe(400);
  });
});
