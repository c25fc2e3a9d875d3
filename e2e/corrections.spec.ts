import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { type DemoPerson, signInAs } from "./sign-in";

const admin = { authorization: "Bearer demo-admin-token" };

/** A fresh customer on Enterprise (10 seats): its first invoice is worth a large credit. Other specs never see it. */
async function freshCustomer(request: APIRequestContext, accountId: string) {
  const opened = await request.post("/api/commands/OpenAccount", {
    headers: admin,
    data: { accountId, name: `Umbrella ${accountId}`, billingEmail: `ap@${accountId}.example`, currency: "USD" },
  });
  expect(opened.status(), await opened.text()).toBe(200);
  expect(
    (
      await request.post("/api/commands/PurchasePlan", {
        headers: admin,
        data: { accountId, plan: "enterprise", interval: "monthly", seats: 10 },
      })
    ).status(),
  ).toBe(200);
  const subscription = await (await request.get(`/api/streams/subscription-${accountId}`, { headers: admin })).json();
  return subscription.state.periodInvoice.invoiceId as string;
}

async function as(browser: Browser, person: DemoPerson, path: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, person, path);
  return page;
}

test("an admin previews a large credit note, a second admin approves it, and the timeline tells the story", async ({
  browser,
  request,
}) => {
  const invoiceId = await freshCustomer(request, "umbrella-credit");
  const dana = await as(browser, "Dana (admin)", `/invoices/${invoiceId}`);
  await dana.getByText("Correct this invoice").click();
  await dana.getByLabel("Amount (USD)").fill("800.00");
  await dana.getByLabel(/^Reason/).fill("Outage on the 20th: goodwill credit agreed with the customer");
  await dana.getByLabel(/^Ticket/).fill("SUP-4471");
  await dana.getByRole("button", { name: "Preview" }).click();
  const preview = dana.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("issued a credit note of USD 800.00");
  await expect(preview).toContainText("Above the four-eyes threshold");
  await dana.screenshot({ path: "e2e/artifacts/correction-preview.png", fullPage: true });
  await dana.getByRole("button", { name: "Ask a second admin" }).click();
  await expect(dana.getByRole("status").filter({ hasText: "Held for a second admin" })).toBeVisible();
  // Nothing reached the invoice yet.
  await dana.reload();
  await expect(dana.getByText("credit notes", { exact: true }).locator("..")).toContainText("USD 0.00");

  // Dana may not approve her own request.
  await dana.goto("/approvals");
  const mine = dana.getByRole("region", { name: "Waiting" }).locator("li", { hasText: invoiceId });
  await expect(mine).toContainText("You asked for this");
  await expect(mine.getByRole("button", { name: "Approve" })).toHaveCount(0);

  const priya = await as(browser, "Priya (admin)", "/approvals");
  const waiting = priya.getByRole("region", { name: "Waiting" }).locator("li", { hasText: invoiceId });
  await expect(waiting).toContainText("Credit note of USD 800.00");
  await expect(waiting).toContainText("ticket SUP-4471");
  await priya.screenshot({ path: "e2e/artifacts/approvals.png", fullPage: true });
  await waiting.getByLabel(/^Reason/).fill("Checked the outage report");
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(priya.getByRole("region", { name: "Decided" })).toContainText("Approved by priya");

  // The account's timeline: the request, the approval, and the credit note the approval caused.
  await priya.goto("/accounts/umbrella-credit?view=flat");
  const timeline = priya.getByRole("region", { name: "Timeline" });
  // The timeline read model catches up within a moment of the commit.
  await expect(async () => {
    await priya.reload();
    await expect(timeline).toContainText("Four-eyes approval issued a credit note of USD 800.00", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(timeline).toContainText("Dana (admin) asked a second admin to approve a credit note of USD 800.00");
  await expect(timeline).toContainText("Priya (admin) approved a credit note of USD 800.00");
  await priya.screenshot({ path: "e2e/artifacts/approval-timeline.png", fullPage: true });
  await priya.goto(`/invoices/${invoiceId}`);
  await expect(priya.getByText("credit notes", { exact: true }).locator("..")).toContainText("USD 800.00");
});

test("a stale preview writes nothing and shows what changed, with a fresh preview", async ({ browser, request }) => {
  await freshCustomer(request, "umbrella-stale");
  const dana = await as(browser, "Dana (admin)", "/accounts/umbrella-stale");
  const panel = dana.getByTestId("corrections");
  await panel.getByText("Correct this account").click();
  await panel.getByRole("combobox", { name: "Correction" }).selectOption({ label: "Change seats" });
  await panel.getByRole("textbox", { name: "Seats" }).fill("14");
  await panel.getByRole("textbox", { name: /^Reason/ }).fill("The customer asked for four more seats");
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(dana.getByRole("region", { name: "Preview" })).toContainText("from 10 to 14");
  // Meanwhile someone else changes the seats.
  const other = await request.post("/api/commands/ChangeSeats", {
    headers: admin,
    data: { accountId: "umbrella-stale", seats: 12 },
  });
  expect(other.status()).toBe(200);
  await dana.getByRole("button", { name: "Confirm and append" }).click();
  const alert = dana.getByRole("alert").filter({ hasText: "Nothing was written" });
  await expect(alert).toContainText("increased seats from 10 to 12");
  await expect(dana.getByRole("region", { name: "Preview" })).toContainText("from 12 to 14");
  await dana.screenshot({ path: "e2e/artifacts/correction-conflict.png", fullPage: true });
  await dana.getByRole("button", { name: "Confirm and append" }).click();
  await expect(dana.getByRole("status").filter({ hasText: "Appended SeatsChanged" })).toBeVisible();
});

test("support sees no corrections, may not open approvals, and the server refuses the commands", async ({
  page,
  request,
}) => {
  const invoiceId = await freshCustomer(request, "umbrella-support");
  await signInAs(page, "Sam (support)", `/invoices/${invoiceId}`);
  await expect(page.getByText("Correct this invoice")).toHaveCount(0);
  await page.goto("/accounts/umbrella-support");
  await expect(page.getByText("Correct this account")).toHaveCount(0);
  const approvals = await page.goto("/approvals");
  expect(approvals?.status()).toBe(403);
  const refused = await request.post("/api/commands/IssueCreditNote", {
    headers: { authorization: "Bearer demo-support-token" },
    data: { invoiceId, amount: 100, reason: "Trying" },
  });
  expect(refused.status()).toBe(403);
});

test("a server action posted from another origin is refused, the same post from ours runs", async ({
  browser,
  request,
}) => {
  await freshCustomer(request, "umbrella-origin");
  const dana = await as(browser, "Dana (admin)", "/accounts/umbrella-origin");
  const panel = dana.getByTestId("corrections");
  await panel.getByText("Correct this account").click();
  await panel.getByRole("combobox", { name: "Correction" }).selectOption({ label: "Change seats" });
  await panel.getByRole("textbox", { name: "Seats" }).fill("11");
  await panel.getByRole("textbox", { name: /^Reason/ }).fill("One more seat for the new hire");
  await panel.getByRole("button", { name: "Preview" }).click();
  const posted = dana.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await panel.getByRole("button", { name: "Confirm and append" }).click();
  const original = await posted;
  await expect(dana.getByRole("status").filter({ hasText: "Appended SeatsChanged" })).toBeVisible();
  const version = async () =>
    (await (await request.get("/api/streams/subscription-umbrella-origin", { headers: admin })).json()).version;
  const before = await version();

  // The very same post (Dana's cookie, the action's id and body), first from elsewhere, then from us.
  const replay = (origin: string) =>
    dana.context().request.post(original.url(), {
      headers: {
        "next-action": original.headers()["next-action"]!,
        "content-type": original.headers()["content-type"]!,
        origin,
      },
      data: original.postData()!,
    });
  const foreign = await replay("https://evil.example");
  expect(foreign.status()).not.toBe(200);
  expect(await foreign.text()).not.toContain("seats");
  const ours = await replay(new URL(original.url()).origin);
  expect(ours.status()).toBe(200);
  // It ran: the domain itself answers (the seats are 11 already), and nothing more is written.
  expect(await ours.text()).toContain("already has 11 seats");
  expect(await version()).toBe(before);
});
