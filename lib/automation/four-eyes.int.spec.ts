import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ApiHarness, createApiHarness, SECOND_ADMIN, TOKENS } from "@/lib/testing/api-harness";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness();
});
afterAll(async () => api?.drop());

let counter = 0;
/** An Enterprise account with 10 seats: its first invoice is large enough to credit above the threshold. */
async function billedAccount() {
  const accountId = `four${++counter}`;
  await api.command("OpenAccount", {
    body: { accountId, name: `Customer ${accountId}`, billingEmail: `ap@${accountId}.example`, currency: "USD" },
  });
  await api.command("PurchasePlan", { body: { accountId, plan: "enterprise", interval: "monthly", seats: 10 } });
  const sub = await api.stream(`subscription-${accountId}`);
  return { accountId, invoiceId: sub.body.state.periodInvoice.invoiceId as string };
}
const eventCount = async () => api.db.prisma.event.count();
const credited = async (invoiceId: string) => (await api.stream(`invoice-${invoiceId}`)).body.state.credited as number;

describe("four eyes: a credit note or refund above 500.00", () => {
  test("is held as a request (202, its id); nothing is written to the invoice", async () => {
    const { invoiceId } = await billedAccount();
    const before = await api.stream(`invoice-${invoiceId}`);
    const res = await api.command("IssueCreditNote", {
      body: { invoiceId, amount: 80_000, reason: "Goodwill for the outage" },
      headers: { "if-match": `"${before.body.version}"` },
    });
    expect(res.status, res.text).toBe(202);
    expect(res.body.pendingApproval).toMatch(/^[0-9a-z]{12}$/);
    expect(res.body.message).toContain("/approvals");
    const after = await api.stream(`invoice-${invoiceId}`);
    expect(after.body.version).toBe(before.body.version);
    const request = await api.stream(`approval-${res.body.pendingApproval}`);
    expect(request.body.state).toMatchObject({ status: "pending", requestedBy: "user:admin-user", amount: 80_000 });
  });

  test("at or below the threshold it is issued at once", async () => {
    const { invoiceId } = await billedAccount();
    const res = await api.command("IssueCreditNote", { body: { invoiceId, amount: 50_000, reason: "Small goodwill" } });
    expect(res.status, res.text).toBe(200);
    expect(await credited(invoiceId)).toBe(50_000);
  });

  test("the requester cannot approve it; a second admin can, and the credit note follows, caused by the approval", async () => {
    const { invoiceId } = await billedAccount();
    const held = await api.command("IssueCreditNote", { body: { invoiceId, amount: 80_000, reason: "Outage" } });
    const approvalId = held.body.pendingApproval as string;
    const count = await eventCount();
    const own = await api.command("ApproveRequest", { body: { approvalId, reason: "Looks right" } });
    expect(own.status).toBe(422);
    expect(own.body).toMatchObject({ error: "APPROVAL_BY_REQUESTER" });
    expect(own.body.message).toContain("second admin");
    expect(await eventCount()).toBe(count);

    const approved = await api.command("ApproveRequest", {
      body: { approvalId, reason: "Checked ticket #88" },
      token: SECOND_ADMIN.token,
    });
    expect(approved.status, approved.text).toBe(200);
    expect(await credited(invoiceId)).toBe(80_000);
    const invoiceEvents = await api.db.prisma.event.findMany({
      where: { streamId: `invoice-${invoiceId}`, eventType: "CreditNoteIssued" },
    });
    const grant = await api.db.prisma.event.findFirstOrThrow({
      where: { eventType: "ApprovalGranted", streamId: `approval-${approvalId}` },
    });
    expect(invoiceEvents).toHaveLength(1);
    expect(invoiceEvents[0]!.metadata).toMatchObject({
      causationId: grant.eventId,
      actor: { type: "system", id: "four-eyes-approval" },
      reason: "Outage",
    });
    expect(grant.metadata).toMatchObject({ actor: { id: SECOND_ADMIN.principalId }, reason: "Checked ticket #88" });
  });

  test("an approval clicked twice at once applies exactly once", async () => {
    const { invoiceId } = await billedAccount();
    const held = await api.command("RefundPayment", {
      body: { invoiceId, amount: 60_000, reason: "Refund the double charge" },
    });
    // A refund needs a payment first: pay the invoice in full, then approve twice concurrently.
    expect(held.status, held.text).toBe(202);
    const invoice = await api.stream(`invoice-${invoiceId}`);
    await api.command("RecordPayment", { body: { invoiceId, amount: invoice.body.state.balance, method: "card" } });
    const approvalId = held.body.pendingApproval as string;
    const twice = await Promise.all(
      [1, 2].map(() =>
        api.command("ApproveRequest", { body: { approvalId, reason: "Confirmed" }, token: SECOND_ADMIN.token }),
      ),
    );
    expect(twice.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(twice.find((r) => r.status === 422)!.body.error).toBe("APPROVAL_ALREADY_DECIDED");
    expect((await api.stream(`invoice-${invoiceId}`)).body.state.refunded).toBe(60_000);
  });

  test("a rejection writes nothing to the invoice; support and finance may not decide", async () => {
    const { invoiceId } = await billedAccount();
    const held = await api.command("IssueCreditNote", { body: { invoiceId, amount: 70_000, reason: "Outage" } });
    const approvalId = held.body.pendingApproval as string;
    for (const token of [TOKENS.support, TOKENS.finance, TOKENS.service]) {
      const refused = await api.command("ApproveRequest", { body: { approvalId, reason: "Looks right" }, token });
      expect(refused.status).toBe(403);
    }
    const rejected = await api.command("RejectRequest", {
      body: { approvalId, reason: "Outage credit already given" },
      token: SECOND_ADMIN.token,
    });
    expect(rejected.status, rejected.text).toBe(200);
    expect(await credited(invoiceId)).toBe(0);
    const late = await api.command("ApproveRequest", {
      body: { approvalId, reason: "Changed my mind" },
      token: SECOND_ADMIN.token,
    });
    expect(late.body.error).toBe("APPROVAL_ALREADY_DECIDED");
  });

  test("an invalid correction above the threshold is refused in its own words; nothing is held", async () => {
    const { invoiceId } = await billedAccount();
    const requests = () => api.db.prisma.event.count({ where: { eventType: "ApprovalRequested" } });
    const before = await requests();
    const res = await api.command("IssueCreditNote", { body: { invoiceId, amount: 80_000 } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("IssueCreditNote");
    expect(await requests()).toBe(before);
  });

  test("a stale confirmation (the invoice moved since the preview) holds nothing", async () => {
    const { invoiceId } = await billedAccount();
    const requests = () => api.db.prisma.event.count({ where: { eventType: "ApprovalRequested" } });
    const before = await requests();
    const res = await api.command("IssueCreditNote", {
      body: { invoiceId, amount: 80_000, reason: "Outage" },
      headers: { "if-match": '"0"' },
    });
    expect(res.status).toBe(409);
    expect(res.body.currentVersion).toBeGreaterThan(0);
    expect(await requests()).toBe(before);
  });
});
