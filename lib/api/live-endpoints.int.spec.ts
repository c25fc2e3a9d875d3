import { afterAll, beforeAll, expect, test } from "vitest";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";

let api: ApiHarness;
const accountId = "live";
let opened: number;

beforeAll(async () => {
  api = await createApiHarness();
  const open = await api.command("OpenAccount", {
    body: { accountId, name: "Live Ltd", billingEmail: "ap@live.example", currency: "USD" },
  });
  opened = open.body.position;
  await api.command("PurchasePlan", { body: { accountId, plan: "pro", interval: "monthly", seats: 3 } });
  await api.command("ChangeSeats", { body: { accountId, seats: 4 } });
  await api.project();
});
afterAll(async () => api?.drop());

test("the live check counts what came after a position, only what the page's filters would show", async () => {
  const all = await api.changes(accountId, `after=${opened}`, { token: TOKENS.support });
  expect(all.status, all.text).toBe(200);
  expect(all.body.capped).toBe(false);
  expect(all.body.count).toBeGreaterThanOrEqual(3); // the purchase, its invoice, the seat change...

  const seats = await api.changes(accountId, `after=${opened}&types=SeatsChanged`);
  expect(seats.body.count).toBe(1);
  const none = await api.changes(accountId, `after=${opened}&types=CouponApplied`);
  expect(none.body).toMatchObject({ count: 0, latestPosition: opened });
});

test("a bad filter is a 400, an unknown account a 404, no token a 401", async () => {
  expect((await api.changes(accountId, `after=${opened}&types=NoSuchEvent`)).status).toBe(400);
  expect((await api.changes(accountId, "after=soon")).status).toBe(400);
  expect((await api.changes("nobody", "after=0")).status).toBe(404);
  expect((await api.changes(accountId, "after=0", { token: null })).status).toBe(401);
});
