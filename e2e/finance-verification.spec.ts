import { expect, test } from "@playwright/test";
import { sessionCookieOf, signInAs } from "./sign-in";

const FINANCE = { authorization: "Bearer demo-finance-token" };

/**
 * Finance checks invoices against the log: Contoso's disputed invoice
 * re-derives exactly; the month of deployment 4.2.1, reconciled as it stood at
 * the end of the deployment's day, shows the four wrong prorations as
 * mismatches; as the log stands now each is verified, netted by the credit
 * note that names it. Support sees none of it.
 */
test("finance verifies invoices and finds the bad deployment's mismatches, then sees them corrected", async ({
  page,
  request,
}) => {
  // When 4.2.1 charged Fabrikam (the demo is dated relative to today).
  // (The timeline read model may still be catching up with the seed.)
  let proration: { occurredAt: string } | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/accounts/fabrikam/timeline?types=ProrationApplied&appVersion=4.2.1", {
          headers: FINANCE,
        });
        [proration] = (await response.json()).entries as { occurredAt: string }[];
        return proration !== undefined;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const day = proration!.occurredAt.slice(0, 10);
  const month = day.slice(0, 7);
  const endOfDay = `${day}T23:59:59.999Z`;

  await signInAs(page, "Fiona (finance)", "/accounts/contoso");
  await page.getByRole("region", { name: "Invoices" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/invoices\//);
  const verification = page.getByRole("region", { name: "Verification" });
  await expect(verification.getByTestId("verification-status")).toHaveText(/^Verified at position \d+$/);
  await expect(verification.getByTestId("verified-line").first()).toContainText("matches");
  await expect(
    verification.getByRole("link", { name: /^(PlanPurchased|SubscriptionRenewed|TrialConverted) #\d+$/ }).first(),
  ).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/finance-verified-invoice.png", fullPage: true });

  // The nav offers reconciliation to finance; the period as it stood at the end of the bad day.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reconciliation" }).click();
  await page.goto(`/finance/reconciliation?period=${month}&asOf=${encodeURIComponent(endOfDay)}`);
  await page.getByRole("button", { name: `Reconcile ${month}` }).click();
  await expect(page.getByTestId("run-progress")).toContainText(/^Done: (\d+) of \1 invoices checked/, {
    timeout: 30_000,
  });
  const mismatches = page.getByRole("region", { name: "Mismatches" }).getByTestId("reconciliation-row");
  await expect(mismatches).toHaveCount(4);
  for (const account of ["fabrikam", "tailspin", "wingtip", "litware"])
    await expect(mismatches.filter({ hasText: account })).toContainText(
      /prorated for (\d+) of \1 days remaining.*overcharged by USD/,
    );
  await expect(page.getByTestId("totals-row")).toContainText("USD");
  await page.screenshot({ path: "e2e/artifacts/finance-reconciliation-before-correction.png", fullPage: true });

  // Drill down: the invoice as it stood then, then as it stands now.
  await mismatches.filter({ hasText: "fabrikam" }).getByRole("link").click();
  await expect(verification.getByTestId("verification-status")).toContainText("1 mismatch at position");
  await expect(verification.getByTestId("mismatch")).toContainText("overcharged by USD");
  await page.screenshot({ path: "e2e/artifacts/finance-invoice-mismatch.png", fullPage: true });
  await verification.getByRole("link", { name: "verify now" }).click();
  await expect(verification.getByTestId("verification-status")).toHaveText(
    /^Verified at position \d+ \(after correction\)$/,
  );
  await expect(verification.getByTestId("verified-line").first()).toContainText(
    /Line overcharged by USD [\d,.]+; credited by credit note \S+ at position \d+.*: net matches\./,
  );
  await page.screenshot({ path: "e2e/artifacts/finance-invoice-corrected.png", fullPage: true });

  // The same month now: nothing mismatched, the four verified after correction.
  await page.goto(`/finance/reconciliation?period=${month}`);
  await page.getByRole("button", { name: `Reconcile ${month}` }).click();
  await expect(page.getByTestId("run-progress")).toContainText(/^Done: .* 0 mismatched$/, { timeout: 30_000 });
  await expect(
    page.getByRole("region", { name: "Verified after correction" }).getByTestId("reconciliation-row"),
  ).toHaveCount(4);
  await page.screenshot({ path: "e2e/artifacts/finance-reconciliation-now.png", fullPage: true });
  // A reload finds the run again (it lives in the database).
  await page.reload();
  await expect(page.getByTestId("run-progress")).toContainText("Done:");
});

test("support sees no verification and may not open reconciliation", async ({ browser, page, request }) => {
  const support = { headers: { cookie: await sessionCookieOf(browser, "Sam (support)") }, maxRedirects: 0 };
  expect((await request.get("/finance/reconciliation?period=2026-01", support)).status()).toBe(403);
  expect((await request.get("/finance/reconciliation", { maxRedirects: 0 })).status()).toBe(307);
  await signInAs(page, "Sam (support)", "/accounts/contoso");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reconciliation" }),
  ).toHaveCount(0);
  await page.getByRole("region", { name: "Invoices" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Invoice lines" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Verification" })).toHaveCount(0);
});
