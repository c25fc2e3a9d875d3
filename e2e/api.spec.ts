import { expect, test } from "@playwright/test";

/**
 * The HTTP API through the built app (route handlers, instrumentation and the
 * projection runner bundled by Next), with the demo tokens.
 */
const admin = { authorization: "Bearer demo-admin-token" };
const support = { authorization: "Bearer demo-support-token" };

test("commands, idempotent rejections, conflicts, webhooks and projections over HTTP", async ({ request }) => {
  const opened = await request.post("/api/commands/OpenAccount", {
    headers: admin,
    data: { name: "E2E Traders", billingEmail: "ap@e2e.example", currency: "USD" },
  });
  expect(opened.status()).toBe(200);
  const { accountId } = await opened.json();

  const purchase = await request.post("/api/commands/PurchasePlan", {
    headers: admin,
    data: { accountId, plan: "starter", interval: "monthly", seats: 2 },
  });
  expect(purchase.status()).toBe(200);
  expect(purchase.headers()["etag"]).toBe('"1"');

  // A provider pays part of the purchase invoice, before seat changes credit it (in a racing order).
  const subscription = await (await request.get(`/api/streams/subscription-${accountId}`, { headers: support })).json();
  const invoiceId = subscription.state.periodInvoice.invoiceId;
  const delivery = JSON.stringify({
    id: `evt-${accountId}`,
    type: "payment.succeeded",
    created: 1795820000,
    data: { invoiceId, amount: 100, currency: "USD", providerRef: "ch_e2e" },
  });
  const { createHmac } = await import("node:crypto");
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac("sha256", "whsec_ledgerline_demo").update(`${t}.${delivery}`).digest("hex")}`;
  const deliveries = [];
  for (let i = 0; i < 3; i++) {
    deliveries.push(
      await request.post("/api/webhooks/billing", {
        headers: { "ledgerline-signature": signature, "content-type": "application/json" },
        data: delivery,
      }),
    );
  }
  expect(deliveries.map((d) => d.status())).toEqual([200, 200, 200]);
  expect(await deliveries[2]!.json()).toEqual(await deliveries[0]!.json());

  // A rejected request with a key: its repeat gets the same 422, not something else.
  for (let i = 0; i < 2; i++) {
    const again = await request.post("/api/commands/PurchasePlan", {
      headers: { ...admin, "idempotency-key": `dup-${accountId}` },
      data: { accountId, plan: "pro", interval: "monthly", seats: 1 },
    });
    expect(again.status()).toBe(422);
    expect((await again.json()).error).toBe("DUPLICATE_PURCHASE");
  }

  const stale = await request.post("/api/commands/ChangeSeats", {
    headers: { ...admin, "if-match": '"0"' },
    data: { accountId, seats: 3 },
  });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).currentVersion).toBe(1);

  const racing = await Promise.all(
    [3, 4, 5, 6].map((seats) =>
      request.post("/api/commands/ChangeSeats", { headers: admin, data: { accountId, seats } }),
    ),
  );
  expect(racing.map((r) => r.status())).toEqual([200, 200, 200, 200]);

  expect(
    (await request.post("/api/commands/ChangeSeats", { headers: support, data: { accountId, seats: 9 } })).status(),
  ).toBe(403);
  expect((await request.get(`/api/accounts/${accountId}/timeline?limit=500`, { headers: support })).status()).toBe(400);

  // The projections (running inside the app) catch up and the account summary shows it all.
  await expect(async () => {
    const account = await (await request.get(`/api/accounts/${accountId}`, { headers: support })).json();
    expect(account).toMatchObject({
      account: { seats: expect.any(Number), plan: "starter" },
      projection: { pendingEvents: 0 },
    });
    const health = await (await request.get("/api/projections", { headers: support })).json();
    for (const h of health) expect(h.status).toBe("running");
  }).toPass({ timeout: 20_000 });
});
