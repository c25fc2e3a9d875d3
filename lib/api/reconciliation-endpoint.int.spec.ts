import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { invoicesProjection } from "@/lib/projections/invoices/projection";
import { applyLogAndCheckpoint } from "@/lib/projections/testing/apply-log";
import { at, run } from "@/lib/projections/testing/history";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";
import { runningJob } from "@/lib/verification/jobs";
import {
  reconciliationExportEndpoint,
  reconciliationProgressEndpoint,
  startReconciliationEndpoint,
} from "./reconciliation-endpoint";

describe("reconciliation API", () => {
  let h: ApiHarness;
  const deps = () => ({ runtime: async () => h.runtime });
  const req = (method: string, path: string, token: string | null, body?: unknown) => {
    const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
    if (body !== undefined) headers.set("content-type", "application/json");
    return new Request(`http://ledgerline.test${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const start = (token: string | null, body: unknown) =>
    startReconciliationEndpoint(deps())(req("POST", "/api/finance/reconciliation", token, body));
  const counts = async () => ({
    events: await h.db.prisma.event.count(),
    runs: await h.db.prisma.verificationRun.count(),
  });
  const month = at(0).toISOString().slice(0, 7);

  beforeAll(async () => {
    h = await createApiHarness();
    await run(h.runtime, at(0), "OpenAccount", {
      accountId: "r-acct",
      name: "Recon Co",
      billingEmail: "ap@recon.example",
      currency: "USD",
    });
    await run(h.runtime, at(0), "PurchasePlan", { accountId: "r-acct", plan: "pro", interval: "monthly", seats: 2 });
    await applyLogAndCheckpoint(h.runtime, invoicesProjection);
  });
  afterAll(async () => h?.drop());

  test("signed out is 401, support and service are 403; nothing is written", async () => {
    const before = await counts();
    expect((await start(null, { period: month })).status).toBe(401);
    const support = await start(TOKENS.support, { period: month });
    expect(support.status).toBe(403);
    expect((await support.json()).message).toBe("The support role cannot run verifications.");
    expect((await start(TOKENS.service, { period: month })).status).toBe(403);
    const progress = reconciliationProgressEndpoint(deps());
    const params = { params: Promise.resolve({ runId: "x" }) };
    expect((await progress(req("GET", "/api/finance/reconciliation/runs/x", TOKENS.support), params)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  test("bad input is a 400 that says what is wrong", async () => {
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ period: "2026-13" }, "period must be a month, YYYY-MM (e.g. 2026-08)"],
      [{}, "give a period (YYYY-MM) or both from and to (YYYY-MM-DD)"],
      [{ from: "2026-03-10", to: "2026-03-01" }, "to must be on or after from"],
      [{ period: month, asOf: "yesterday" }, "`asOf` must be a global position or an ISO-8601 time"],
    ];
    for (const [body, message] of cases) {
      const res = await start(TOKENS.finance, body);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe(message);
    }
    expect((await start(TOKENS.finance, { period: month, extra: 1 })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  test("finance starts a run (202), follows it and exports it; no events are written", async () => {
    const before = await counts();
    const res = await start(TOKENS.finance, { period: month });
    expect(res.status).toBe(202);
    const { runId, progress } = await res.json();
    expect(progress).toBe(`/api/finance/reconciliation/runs/${runId}`);
    await runningJob(runId);
    const params = { params: Promise.resolve({ runId }) };
    const got = await reconciliationProgressEndpoint(deps())(req("GET", progress, TOKENS.admin), params);
    expect(await got.json()).toMatchObject({ status: "done", total: 1, done: 1, verified: 1, mismatched: 0 });
    const csv = await (
      await reconciliationExportEndpoint(deps())(req("GET", `${progress}/export`, TOKENS.finance), params)
    ).text();
    expect(csv.split("\r\n")[0]).toBe(
      "invoiceId,accountId,issuedAt,currency,status,corrected,invoiceStatus,charged,credited,paid,refunded,balance,mismatchAmount,mismatches",
    );
    expect(csv).toContain(",r-acct,");
    expect(await counts()).toEqual({ events: before.events, runs: before.runs + 1 });
  });
});
