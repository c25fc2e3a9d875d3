/**
 * The bad-input test's starting point: a little of everything (accounts open,
 * on a plan, on a converted trial, closed; a lead; invoices with a payment; a
 * reconciliation run; a chain verification), so that requests reach past "not
 * found" into the decisions; and a way to wait for the background work an
 * accepted request started, so the next request's before-and-after is its own.
 */
import type pg from "pg";
import type { Fixtures } from "./fuzz-catalogue";
import { command, expectStatus, type RawReply, send } from "./http";
import { verifyChains } from "./integrity";
import type { Fresh } from "./suite";

/** A little of everything, so that requests reach past "not found" into the decisions. */
export async function makeFixtures(baseUrl: string, fresh: Fresh, client: pg.Client): Promise<Fixtures> {
  const admin = fresh.tokens.admin;
  const ok = async (type: string, data: Record<string, unknown>) =>
    expectStatus(await command(baseUrl, admin, type, data), 200, type);
  const open = (accountId: string) =>
    ok("OpenAccount", {
      accountId,
      name: `Fuzz ${accountId}`,
      billingEmail: `${accountId}@example.test`,
      currency: "USD",
    });
  await open("acme");
  await ok("PurchasePlan", { accountId: "acme", plan: "pro", interval: "monthly", seats: 3 });
  await open("globex");
  await ok("StartTrial", { accountId: "globex", plan: "pro", seats: 2 });
  await ok("ConvertTrial", { accountId: "globex", interval: "monthly" });
  await open("closed1");
  await ok("CloseAccount", { accountId: "closed1" });
  await ok("CaptureLead", {
    leadId: "lead1",
    name: "Lee",
    email: "lee@example.test",
    company: "Lee Co",
    source: "website",
  });
  const invoices: string[] = [];
  for (const accountId of ["acme", "globex"]) {
    const sub = await get(baseUrl, `/api/streams/subscription-${accountId}`, admin);
    invoices.push((sub.body.state as { periodInvoice: { invoiceId: string } }).periodInvoice.invoiceId);
  }
  await ok("RecordPayment", { invoiceId: invoices[0], amount: 1000, method: "card" });
  const run = await send(baseUrl, {
    method: "POST",
    path: "/api/finance/reconciliation",
    headers: { authorization: `Bearer ${fresh.tokens.finance}`, "content-type": "application/json" },
    body: JSON.stringify({ period: new Date().toISOString().slice(0, 7) }),
  });
  const job = await verifyChains(baseUrl, {
    adminToken: admin,
    readToken: admin,
    scope: "all",
    reason: "fixtures",
  });
  const projections = ((await get(baseUrl, "/api/projections", admin)).body as unknown as { name: string }[]).map(
    (p) => p.name,
  );
  const rows = await client.query<{ stream_id: string; event_id: string; p: string }>(
    "SELECT stream_id, event_id::text, global_position::text AS p FROM events ORDER BY global_position",
  );
  await settle(baseUrl, admin, client);
  return {
    tokens: fresh.tokens,
    accounts: ["acme", "globex", "closed1"],
    invoices,
    leads: ["lead1"],
    streams: [...new Set(rows.rows.map((r) => r.stream_id))],
    eventIds: rows.rows.slice(0, 20).map((r) => r.event_id),
    maxPosition: Number(rows.rows.at(-1)?.p ?? 0),
    projections: projections.length > 0 ? projections : ["account-summary"],
    runIds: [expectStatus(run, 202, "start a reconciliation").body.runId as string],
    verificationIds: [job.id],
  };
}

async function get(baseUrl: string, path: string, token: string): Promise<RawReply> {
  const reply = await send(baseUrl, { method: "GET", path, headers: { authorization: `Bearer ${token}` } });
  expectStatus(reply, 200, path);
  return reply;
}

/** Waits until the work an accepted request started in the background (a verification, a reconciliation) has ended. */
export async function settle(baseUrl: string, adminToken: string, client: pg.Client): Promise<void> {
  for (;;) {
    const jobs = (await get(baseUrl, "/api/integrity/verifications", adminToken)).body as unknown as {
      status: string;
    }[];
    const runs = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM verification_runs WHERE status = 'running'",
    );
    if (!jobs.some((j) => j.status === "running") && runs.rows[0]!.n === "0") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
