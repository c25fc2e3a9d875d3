import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

const admin = { authorization: "Bearer demo-admin-token" };

test("sign-in: pages need a person's token; a bad or a service's token gets a clear refusal", async ({ page }) => {
  await page.goto("/accounts/acme");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccounts%2Facme$/);
  const token = page.getByLabel("Access token");
  await token.fill("not-a-token");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in with a token" }).getByRole("alert")).toHaveText(
    /not known or has been revoked/,
  );
  await token.fill("demo-service-token");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in with a token" }).getByRole("alert")).toHaveText(
    /belongs to a service/,
  );
  await token.fill("demo-finance-token");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/accounts\/acme$/);
  await expect(page.getByTestId("signed-in-as")).toContainText("Fiona (finance)");

  // Signing out ends the session on the server: the same cookie, put back, is signed out too.
  const [session] = (await page.context().cookies()).filter((c) => c.name === "ledgerline_session");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.context().addCookies([session!]);
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccounts$/);
  await expect(page.getByRole("status")).toContainText("Your session has ended");
});

test("support finds an account, reads its timeline, filters it and opens a raw event", async ({ page }) => {
  await signInAs(page, "Sam (support)", "/accounts");
  const list = page.getByRole("region", { name: "Account list" });
  await expect(list.getByRole("link", { name: "Acme Analytics" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search accounts" }).fill("globex");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(list.getByRole("row")).toHaveCount(2); // header + Globex
  await list.getByRole("link", { name: "Globex Corporation" }).click();

  await expect(page.getByRole("heading", { name: "Globex Corporation" })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  const entries = timeline.getByTestId("timeline-entry");
  await expect(entries.last()).toContainText("opened the account Globex Corporation");
  // Only the invoices: the filter goes into the URL and shows as a removable chip.
  await timeline.getByText("Filters", { exact: true }).click();
  await timeline.getByLabel("Streams (kinds or ids, comma-separated)").fill("invoice");
  await timeline.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/streams=invoice/);
  await expect(timeline.getByRole("list", { name: "Active filters" })).toContainText("stream:invoice");
  await timeline.getByRole("link", { name: "Every event" }).click();
  await expect(entries.first()).toBeVisible();
  for (const entry of await entries.all()) await expect(entry).toContainText(/invoice-\w+ v\d+/);

  const rawEventUrl = await entries.first().getByRole("link", { name: "Raw event" }).getAttribute("href");
  await page.goto("/accounts/no-such-account");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  // Another account's event under this account's path is not shown.
  await page.goto(rawEventUrl!.replace("/accounts/globex/", "/accounts/acme/"));
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(rawEventUrl!);
  const stored = page.getByRole("region", { name: "Stored event" });
  await expect(stored).toContainText("Global position");
  await expect(stored).toContainText(/Hash\s*[0-9a-f]{64}/);
  // Verifying the hash chain is for finance and admins.
  await expect(stored.getByRole("status")).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/raw-event.png", fullPage: true });
});

test("finance sees the hash chain verified on a raw event", async ({ page }) => {
  await signInAs(page, "Fiona (finance)", "/accounts/acme?view=flat");
  await page.getByTestId("timeline-entry").first().getByRole("link", { name: "Raw event" }).click();
  await expect(page.getByRole("region", { name: "Stored event" }).getByRole("status")).toHaveText(
    /Hash chain of \S+ verified: \d+ events?, none altered, missing or reordered\./,
  );
});

test("a lagging projection is announced on the account page until it catches up", async ({ page, request }) => {
  const opened = await request.post("/api/commands/OpenAccount", {
    headers: admin,
    data: { name: "Lagging Ltd", billingEmail: "ap@lagging.example", currency: "EUR" },
  });
  const { accountId } = await opened.json();
  await signInAs(page, "Dana (admin)", `/accounts/${accountId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("timeline-entry")).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  expect((await request.post("/api/projections/account-timeline/pause", { headers: admin })).status()).toBe(200);
  try {
    const renamed = await request.post("/api/commands/RenameAccount", {
      headers: admin,
      data: { accountId, name: "Lagging Group" },
    });
    expect(renamed.status()).toBe(200);
    // The summary (not paused) has applied the rename; the timeline (paused) has not.
    const { position } = await renamed.json();
    const summary = await request.get(`/api/accounts/${accountId}?waitFor=${position}`, { headers: admin });
    expect((await summary.json()).projection.reachedWaitFor).toBe(true);
    await page.reload();
    await expect(page.getByRole("status")).toHaveText(
      /1 event for this account not yet projected: the timeline below does not show it yet/,
    );
    await expect(page.getByTestId("timeline-entry")).toHaveCount(1);
    await page.screenshot({ path: "e2e/artifacts/account-lagging.png", fullPage: true });
    // The overview says which projection is held and how far behind it is.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    const row = page
      .getByRole("region", { name: "Projections" })
      .getByRole("row")
      .filter({ hasText: "account-timeline" });
    await expect(row).toContainText("paused");
    await expect(row).toContainText("Paused by an admin");
    await page.goto(`/accounts/${accountId}`);
  } finally {
    await request.post("/api/projections/account-timeline/resume", { headers: admin });
  }
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("status")).toHaveCount(0, { timeout: 1000 });
    await expect(page.getByTestId("timeline-entry").first()).toContainText("renamed", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.screenshot({ path: "e2e/artifacts/account.png", fullPage: true });
});
