import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accountEndpoint } from "@/lib/api/account-endpoint";
import { consistencyEndpoint } from "@/lib/api/consistency-endpoint";
import { metricsEndpoint } from "@/lib/api/metrics-endpoint";
import { horizonEndpoint, projectionActionEndpoint, projectionsHealthEndpoint } from "@/lib/api/projections-endpoint";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { startProjector } from "@/lib/server/projector";
import type { ProjectionRunner } from "@/lib/projections/runner";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";
import { holdTransaction } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";

let api: ApiHarness;
let runner: ProjectionRunner;
const deps = () => ({ runtime: async () => api.runtime });
const get = async (handler: (r: Request) => Promise<Response>, token: string | null = TOKENS.support, query = "") => {
  const res = await handler(
    new Request(`http://ledgerline.test/x${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
  );
  return { status: res.status, text: await res.text(), headers: res.headers };
};
const act = async (name: string, action: string, body: unknown, token: string = TOKENS.admin) => {
  const res = await projectionActionEndpoint(deps())(
    new Request(`http://ledgerline.test/api/projections/${name}/${action}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ name, action }) },
  );
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  api = await createApiHarness();
  await seedDemoData(api.runtime, { accounts: 5, concurrency: 4 });
  runner = await startProjector(api.runtime, { pollMs: 50, log: () => undefined });
});
afterAll(async () => {
  await runner?.stop();
  await api?.drop();
});

describe("GET /api/projections", () => {
  test("every projection with status, positions, lag, throughput and errors", async () => {
    await eventually(
      async () => {
        const res = await get(projectionsHealthEndpoint(deps()));
        expect(res.status).toBe(200);
        const health = JSON.parse(res.text);
        expect(health.map((h: { name: string }) => h.name)).toEqual([
          "account-summary",
          "account-timeline",
          "invoices",
          "revenue-movements",
          "customer-lifecycle",
          "trial-conversions",
          "billing-policy",
        ]);
        for (const h of health) {
          expect(h).toMatchObject({
            status: "running",
            lagEvents: 0,
            lagSeconds: 0,
            lastError: null,
          });
          expect(h.storedVersion).toBe(h.version);
          expect(h.checkpoint).toBe(h.head);
          expect(h.throughput).toBeGreaterThan(0);
        }
      },
      { timeoutMs: 20_000 },
    );
    expect((await get(projectionsHealthEndpoint(deps()), null)).status).toBe(401);
  });

  test("an open transaction's SQL is not shown to a reader who may not operate projections", async () => {
    const holder = await holdTransaction(api.url, "SELECT pg_current_xact_id(), 'the-probe-sql-text'");
    try {
      const res = await get(horizonEndpoint(deps()), TOKENS.support);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).oldestOpenTransaction).toMatchObject({ query: null });
      expect(res.text).not.toContain("the-probe-sql-text");
    } finally {
      await holder.release();
    }
  });

  test("the horizon, with no warning when nothing waits", async () => {
    const res = await get(horizonEndpoint(deps()));
    expect(JSON.parse(res.text)).toMatchObject({
      warning: null,
      thresholdSeconds: 30,
      headPosition: expect.any(Number),
    });
  });
});

describe("POST /api/projections/<name>/<action>", () => {
  test("admins only; unknown names and actions are clear errors", async () => {
    expect((await act("invoices", "pause", {}, TOKENS.support)).status).toBe(403);
    expect((await act("invoices", "pause", {}, TOKENS.service)).status).toBe(403);
    expect((await act("nope", "pause", {})).status).toBe(404);
    expect((await act("invoices", "explode", {})).status).toBe(400);
    expect((await act("invoices", "retry", {})).body).toMatchObject({ error: "PROJECTION_NOT_FAILED" });
    expect((await act("billing-policy", "rebuild", {})).body).toMatchObject({ error: "PROJECTION_NOT_REBUILDABLE" });
  });

  test("pause and resume; rebuild one account; rebuild all", async () => {
    expect(await act("invoices", "pause", {})).toMatchObject({ status: 200, body: { status: "paused" } });
    expect((await act("invoices", "pause", {})).status).toBe(422);
    expect(await act("invoices", "resume", {})).toMatchObject({ status: 200, body: { status: "running" } });
    const perAccount = await act("all", "rebuild", { accountId: "acme" });
    expect(perAccount.status).toBe(200);
    expect(perAccount.body.map((r: { projection: string }) => r.projection)).toHaveLength(6);
    expect(perAccount.body[0].eventsReplayed).toBeGreaterThan(5);
    expect(await act("invoices", "rebuild", { reason: "test" })).toMatchObject({
      status: 200,
      body: { rebuildRequested: true },
    });
    await eventually(
      async () => {
        const health = JSON.parse((await get(projectionsHealthEndpoint(deps()))).text);
        expect(health.find((h: { name: string }) => h.name === "invoices")).toMatchObject({
          status: "running",
          rebuild: null,
          rebuiltAt: expect.any(String),
        });
      },
      { timeoutMs: 20_000 },
    );
  });
});

describe("GET /api/metrics", () => {
  test("Prometheus text with projection, append and command metrics", async () => {
    await api.command("OpenAccount", { body: { name: "Metrics Co", billingEmail: "m@m.example", currency: "USD" } });
    await api.command("ApplyCoupon", { body: { accountId: "acme", code: "NOPE" } });
    const res = await get(metricsEndpoint(deps()), TOKENS.finance);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    for (const line of [
      /ledgerline_projection_lag_events\{projection="invoices"\} \d+/,
      /ledgerline_projection_throughput_events_per_second\{projection="account-summary"\} [\d.]+/,
      /ledgerline_projection_errors_total/,
      /ledgerline_events_appended_total\{type="AccountOpened"\} \d+/,
      /ledgerline_command_duration_seconds_bucket\{le="0.1",command="OpenAccount",outcome="ok"\} \d+/,
      /ledgerline_command_rejections_total\{command="ApplyCoupon",code="COUPON_UNKNOWN"\} 1/,
      /ledgerline_horizon_waiting_events \d+/,
    ]) {
      expect(res.text).toMatch(line);
    }
    expect((await get(metricsEndpoint(deps()), null)).status).toBe(401);
  });
});

describe("read-after-write and consistency", () => {
  const account = (accountId: string, query = "") =>
    get((r) => accountEndpoint(deps())(r, { params: Promise.resolve({ accountId }) }), TOKENS.support, query);

  test("GET /api/accounts/<id>?waitFor=<position> sees the command it follows", async () => {
    const res = await api.command("ChangeSeats", { body: { accountId: "acme", seats: 12 } });
    expect(res.status, res.text).toBe(200);
    const after = await account("acme", `?waitFor=${res.body.position}`);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toMatchObject({
      account: { accountId: "acme", seats: 12 },
      // (pendingEvents may count the follow-up invoice the policy appends right after the command.)
      projection: { name: "account-summary", pendingEvents: expect.any(Number), reachedWaitFor: true },
    });
    expect((await account("nobody")).status).toBe(404);
    expect((await account("acme", "?waitFor=soon")).status).toBe(400);
  });

  test("a lagging projection says how many of the account's events it has not applied", async () => {
    await runner.stop();
    try {
      await api.command("ChangeSeats", { body: { accountId: "acme", seats: 13 } });
      const body = JSON.parse((await account("acme")).text);
      expect(body.projection.pendingEvents).toBeGreaterThanOrEqual(1);
      expect(body.account.seats).toBe(12);
    } finally {
      runner = await startProjector(api.runtime, { pollMs: 50, log: () => undefined });
    }
  });

  test("the consistency check replays aggregates and names each difference", async () => {
    const check = (query = "") => get(consistencyEndpoint(deps()), TOKENS.finance, query);
    await eventually(
      async () => expect(JSON.parse((await check()).text)).toMatchObject({ consistent: true, lagging: [] }),
      {
        timeoutMs: 20_000,
      },
    );
    await api.db.prisma.$executeRaw`UPDATE rm_invoices SET balance = balance + 1 WHERE account_id = 'globex'`;
    const res = JSON.parse((await check("?accountId=globex")).text);
    expect(res.consistent).toBe(false);
    expect(res.differences).toEqual([expect.objectContaining({ projection: "invoices", field: "balance" })]);
    expect((await get(consistencyEndpoint(deps()), TOKENS.support)).status).toBe(403);
    await projectionAdminRebuild("globex");
    expect(JSON.parse((await check("?accountId=globex")).text).consistent).toBe(true);
  });
});

async function projectionAdminRebuild(accountId: string) {
  const res = await act("invoices", "rebuild", { accountId });
  expect(res.status).toBe(200);
}
