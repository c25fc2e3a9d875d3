/**
 * The records every page, route and action of the matrix names: an account
 * with a subscription and its invoice, a lead, a closed account, an event to
 * supersede, two credit notes held for a second admin, a reconciliation run
 * and a chain verification. Written through the API, as a customer would.
 */
import { createApiToken } from "@/lib/auth/api-tokens";
import { command, expectStatus } from "../harness/http";
import type { Fresh } from "../harness/suite";

export interface Fixture {
  accountId: string;
  invoiceId: string;
  leadId: string;
  /** The account's first event. */
  position: number;
  /** The request that opened the account: a correlation page. */
  requestId: string;
  closedAccountId: string;
  /** An event nothing else needs, for an admin to supersede. */
  supersedable: number;
  /** Credit notes above the four-eyes threshold, asked by a second admin: one to approve, one to reject. */
  approvals: [string, string];
  period: string;
  runId: string;
  verificationId: string;
  /** The second admin's token (a secret the logs must not show either). */
  askerToken: string;
  /** A stream's version now. */
  version(streamId: string): Promise<number>;
}

export async function createFixture(baseUrl: string, fresh: Fresh): Promise<Fixture> {
  const admin = fresh.tokens.admin;
  const ok = async (type: string, data: unknown, headers: Record<string, string> = {}, status = 200) =>
    expectStatus(await command(baseUrl, admin, type, data, headers), status, type).body;
  const get = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${admin}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const post = async (path: string, token: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };

  const accountId = "sec-acme";
  const requestId = "sec-open-acme";
  const opened = await ok(
    "OpenAccount",
    { accountId, name: "Security Test Co", billingEmail: "ap@sec-acme.test", currency: "USD" },
    { "x-request-id": requestId },
  );
  await ok("PurchasePlan", { accountId, plan: "enterprise", interval: "monthly", seats: 10 });
  const subscription = (await get(`/api/streams/subscription-${accountId}`)) as {
    state: { periodInvoice: { invoiceId: string } };
  };
  const invoiceId = subscription.state.periodInvoice.invoiceId;
  const leadId = "sec-lead";
  await ok("CaptureLead", {
    leadId,
    name: "Lee Secure",
    email: "lee@sec-lead.test",
    company: "Sec Ltd",
    source: "website",
  });

  const closedAccountId = "sec-closed";
  await ok("OpenAccount", {
    accountId: closedAccountId,
    name: "Closed Co",
    billingEmail: "ap@closed.test",
    currency: "USD",
  });
  await ok("CloseAccount", { accountId: closedAccountId, reason: "customer left" });
  await ok("OpenAccount", {
    accountId: "sec-scratch",
    name: "Scratch Co",
    billingEmail: "ap@scratch.test",
    currency: "USD",
  });
  const renamed = await ok("RenameAccount", { accountId: "sec-scratch", name: "Scratch Co Renamed" });

  // A second admin asks, so the signed-in admin may decide (nobody decides their own).
  const asker = await createApiToken(fresh.db, {
    name: "Second admin",
    role: "admin",
    principalType: "user",
    principalId: "rel-admin-2",
  });
  const credit = { invoiceId, amount: 60_000, reason: "Outage credit, above the threshold" };
  const held = [
    await expectStatus(await command(baseUrl, asker, "IssueCreditNote", credit), 202, "held credit note"),
    await expectStatus(await command(baseUrl, asker, "IssueCreditNote", credit), 202, "held credit note"),
  ].map((reply) => reply.body.pendingApproval as string) as [string, string];

  const period = new Date().toISOString().slice(0, 7);
  const run = await post("/api/finance/reconciliation", fresh.tokens.finance, { period });
  const verification = await post("/api/integrity/verifications", admin, {
    scope: `account-${accountId}`,
    reason: "fixture for the security matrix",
  });

  return {
    accountId,
    invoiceId,
    leadId,
    position: opened.position as number,
    requestId,
    closedAccountId,
    supersedable: renamed.position as number,
    approvals: held,
    period,
    runId: run.runId as string,
    verificationId: verification.id as string,
    askerToken: asker,
    version: async (streamId) => (await get(`/api/streams/${streamId}`)).version as number,
  };
}

/** The values the [params] of page patterns take. */
export const paramsOf = (fx: Fixture) => ({
  accountId: fx.accountId,
  invoiceId: fx.invoiceId,
  leadId: fx.leadId,
  position: fx.position,
  id: fx.requestId,
  streamId: `account-${fx.accountId}`,
});
