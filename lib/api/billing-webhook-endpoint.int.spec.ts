import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiHarness, type ApiHarness } from "@/lib/testing/api-harness";
import { DEMO_WEBHOOK_SECRET, signPayload } from "@/lib/webhooks/billing-signature";

let api: ApiHarness;
let invoiceId: string;

beforeAll(async () => {
  api = await createApiHarness();
  await api.command("OpenAccount", {
    body: { accountId: "hooks", name: "Hooks Ltd", billingEmail: "ap@hooks.example", currency: "USD" },
  });
  await api.command("PurchasePlan", { body: { accountId: "hooks", plan: "starter", interval: "monthly", seats: 1 } });
  invoiceId = (await api.stream("subscription-hooks")).body.state.periodInvoice.invoiceId;
});
afterAll(async () => api?.drop());

function delivery(id: string, type: string, amount: number, overrides: { t?: number; secret?: string } = {}) {
  const rawBody = JSON.stringify({
    id,
    type,
    created: 1_700_000_000,
    data: { invoiceId, amount, currency: "USD", providerRef: `pi_${id}` },
  });
  const t = overrides.t ?? Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${signPayload(overrides.secret ?? DEMO_WEBHOOK_SECRET, t, rawBody)}`;
  return { rawBody, headers: { "ledgerline-signature": signature } };
}

describe("POST /api/webhooks/billing", () => {
  test("a signed payment lands once, however often it is delivered", async () => {
    const d = delivery("evt_1", "payment.succeeded", 1000);
    const results = [await api.webhook(d), await api.webhook(d), await api.webhook(d), await api.webhook(d)];
    for (const res of results) {
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual(results[0]!.body);
    }
    expect(results[0]!.body).toMatchObject({
      received: true,
      deliveryId: "evt_1",
      events: [{ type: "PaymentRecorded" }],
    });
    expect(results.slice(1).every((r) => r.headers.get("idempotent-replayed") === "true")).toBe(true);
    const invoice = (await api.stream(`invoice-${invoiceId}`)).body.state;
    expect(invoice).toMatchObject({ paid: 1000, balance: 2900 - 1000 });
    await api.project();
    const timeline = await api.timeline("hooks", "types=PaymentRecorded");
    expect(timeline.body.entries).toHaveLength(1);
    // One delivery's story is its correlation; the three retries are on record against the one payment.
    expect(timeline.body.entries[0]).toMatchObject({
      source: "webhook",
      actor: { type: "system", id: "billing-webhook" },
      correlationId: "delivery:evt_1",
      replays: { sent: 4, repeats: [{ source: "webhook" }, { source: "webhook" }, { source: "webhook" }] },
    });
  });

  test("failed payments and refunds map to their commands", async () => {
    const failed = await api.webhook(delivery("evt_2", "payment.failed", 1900));
    expect(failed.body.events).toEqual([expect.objectContaining({ type: "PaymentFailed" })]);
    const refund = await api.webhook(delivery("evt_3", "refund.succeeded", 400));
    expect(refund.status, refund.text).toBe(200);
    expect((await api.stream(`invoice-${invoiceId}`)).body.state).toMatchObject({
      paid: 1000,
      refunded: 400,
      balance: 2300,
    });
  });

  test("a wrong, missing or stale signature is refused and nothing is written", async () => {
    const wrong = await api.webhook(delivery("evt_4", "payment.succeeded", 100, { secret: "whsec_wrong" }));
    expect(wrong).toMatchObject({ status: 401, body: { error: "SIGNATURE_INVALID" } });
    const missing = await api.webhook({ rawBody: delivery("evt_4", "payment.succeeded", 100).rawBody });
    expect(missing).toMatchObject({ status: 401, body: { error: "SIGNATURE_MISSING" } });
    const stale = await api.webhook(
      delivery("evt_4", "payment.succeeded", 100, { t: Math.floor(Date.now() / 1000) - 301 }),
    );
    expect(stale).toMatchObject({ status: 401, body: { error: "SIGNATURE_EXPIRED" } });
    const tampered = delivery("evt_4", "payment.succeeded", 100);
    const res = await api.webhook({ ...tampered, rawBody: tampered.rawBody.replace('"amount":100', '"amount":2000') });
    expect(res.body.error).toBe("SIGNATURE_INVALID");
    expect((await api.stream(`invoice-${invoiceId}`)).body.state.paid).toBe(1000);
  });

  test("a signed but invalid body is a 400; an unconfigured secret outside demo mode a 503", async () => {
    const t = Math.floor(Date.now() / 1000);
    const rawBody = JSON.stringify({ id: "evt_5", type: "payment.teleported", created: 1, data: {} });
    const res = await api.webhook({
      rawBody,
      headers: { "ledgerline-signature": `t=${t},v1=${signPayload(DEMO_WEBHOOK_SECRET, t, rawBody)}` },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("body.type");

    const production = await createApiHarness({ env: { DATABASE_URL: "postgresql://x" } });
    try {
      expect((await production.webhook(delivery("evt_6", "payment.succeeded", 1))).status).toBe(503);
    } finally {
      await production.drop();
    }
  });
});
