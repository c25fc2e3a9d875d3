import { expect, test } from "@playwright/test";
import { sessionCookieOf, signInAs } from "./sign-in";

/** A request as a signed-in person's browser sends it: their session cookie, redirects not followed. */
const as = (cookie: string | null) => ({
  headers: cookie ? { cookie } : ({} as Record<string, string>),
  maxRedirects: 0,
});
const SUPPORT_TOKEN = "demo-support-token";
let SUPPORT: string;
let FINANCE: string;
test.beforeAll(async ({ browser }) => {
  [SUPPORT, FINANCE] = await Promise.all([
    sessionCookieOf(browser, "Sam (support)"),
    sessionCookieOf(browser, "Fiona (finance)"),
  ]);
});

const PAGES = [
  "/accounts/acme",
  "/accounts/acme?at=5",
  "/accounts/acme/compare?from=1",
  "/accounts/acme/report",
  "/accounts/acme/events/1",
  "/leads",
  "/leads/hooli",
  "/invoices/any-invoice",
  "/streams/account-acme",
  "/streams/account-acme?at=1",
  "/correlations/delivery:evt_pay_soylent_1",
  "/search?q=acme",
  "/reports/conversions",
];

test("every page sends a signed-out visitor to sign in, and answers a role that may not see it with 403", async ({
  request,
}) => {
  for (const path of PAGES) {
    const response = await request.get(path, as(null));
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toMatch(/\/sign-in\?next=/);
    // Signing in comes back to the very view, its query included.
    // (Compared decoded: the page may write `:` in an id as %3A; both name the same view.)
    const next = decodeURIComponent(response.headers()["location"]!.split("next=")[1]!);
    expect(decodeURIComponent(next), path).toBe(decodeURIComponent(path));
  }
  expect((await request.get("/reports/conversions", as(SUPPORT))).status()).toBe(403);
  expect(await (await request.get("/reports/conversions", as(SUPPORT))).text()).toContain("Not for your role");
  expect((await request.get("/reports/conversions", as(FINANCE))).status()).toBe(200);
});

test("exports, evidence and reports refuse the signed-out visitor and the wrong role", async ({ request }) => {
  for (const path of [
    "/api/accounts/acme/export?format=csv",
    "/api/accounts/acme/evidence",
    "/api/reports/conversions?format=csv",
  ]) {
    expect((await request.get(path, as(null))).status(), path).toBe(401);
    const refused = await request.get(path, as(SUPPORT));
    expect(refused.status(), path).toBe(403);
    expect((await refused.json()).message, path).toMatch(/support role cannot/);
    expect((await request.get(path, as(FINANCE))).status(), path).toBe(200);
  }
});

test("unknown accounts, invoices, leads, streams, events and correlations answer 404 with the not-found page", async ({
  request,
}) => {
  for (const path of [
    "/accounts/no-such-account",
    "/accounts/no-such-account/compare",
    "/accounts/acme/events/999999999",
    "/invoices/no-such-invoice",
    "/leads/no-such-lead",
    "/streams/account-no-such-account",
    "/streams/not-a-stream",
    "/correlations/no-such-request",
  ]) {
    const response = await request.get(path, as(SUPPORT));
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).toContain("Not found");
  }
});

test("filters with SQL or HTML in them are harmless and shown as text; event data with HTML renders inert", async ({
  page,
  request,
}) => {
  page.on("dialog", () => {
    throw new Error("a script ran: a dialog opened");
  });
  const evil = '<img src=x onerror="window.__injected=1">Evil & Co';
  const opened = await request.post("/api/commands/OpenAccount", {
    headers: { authorization: "Bearer demo-admin-token" },
    data: { name: evil, billingEmail: "ap@evil.example", currency: "USD" },
  });
  const { accountId, position } = await opened.json();
  // Read-after-write: both read models the page uses have the new account.
  for (const path of [
    `/api/accounts/${accountId}?waitFor=${position}`,
    `/api/accounts/${accountId}/timeline?waitFor=${position}`,
  ]) {
    const reached = async () =>
      (await (await request.get(path, { headers: { authorization: `Bearer ${SUPPORT_TOKEN}` } })).json()).projection
        .reachedWaitFor;
    await expect.poll(reached, { timeout: 30_000 }).toBe(true);
  }
  await signInAs(page, "Sam (support)", `/accounts/${accountId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(evil);
  await expect(page.getByTestId("timeline-entry").first()).toContainText(`opened the account ${evil}`);
  expect(await page.locator('main img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();

  const sql = "' OR 1=1; DROP TABLE events; --";
  const html = "<script>alert(1)</script>";
  await page.goto(`/accounts/acme?actor=${encodeURIComponent(sql)}&appVersion=${encodeURIComponent(html)}`);
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips).toContainText(sql);
  await expect(chips).toContainText(html);
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("status")).toContainText("No events match");
  await page.goto(`/search?q=${encodeURIComponent(html)}`);
  await expect(page.getByRole("searchbox", { name: "Search", exact: true })).toHaveValue(html);
  // The log is intact.
  expect((await request.get("/api/health")).status()).toBe(200);
  expect(
    (
      await request.get("/api/accounts/acme/timeline?limit=1", {
        headers: { authorization: `Bearer ${SUPPORT_TOKEN}` },
      })
    ).status(),
  ).toBe(200);
});
