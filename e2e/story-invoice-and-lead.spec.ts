import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("finance explains Contoso's disputed invoice line by line, with its partial payment", async ({ page }) => {
  await signInAs(page, "Fiona (finance)");
  await page.getByRole("searchbox", { name: "Search everything" }).fill("contoso");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/accounts\/contoso/);
  const invoices = page.getByRole("region", { name: "Invoices" });
  await expect(invoices).toContainText("partially paid");
  await invoices.getByRole("row").filter({ hasText: "partially paid" }).getByRole("link").click();

  await expect(page.getByText("partially paid").first()).toBeVisible();
  const lines = page.getByRole("region", { name: "Invoice lines" });
  await expect(lines.getByRole("link", { name: /SubscriptionRenewed #\d+/ })).toHaveCount(2); // each line, its event
  await expect(lines).toContainText("Pro plan (annual), 20 seats × USD 990.00");
  await expect(lines).toContainText("Coupon SAVE20 (20% off)");
  await expect(lines.getByRole("link", { name: /SubscriptionRenewed #\d+/ }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Payments", exact: true })).toContainText("bank transfer");
  await expect(page.getByText(/balance = charged − credited − paid \+ refunded = USD 15,840\.00/)).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/story-invoice.png", fullPage: true });

  // The event a line bills for opens as the stored event.
  await lines
    .getByRole("link", { name: /SubscriptionRenewed #\d+/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "SubscriptionRenewed" })).toBeVisible();
});

test("support reads a lead scored by the legacy model, rescored, and converted into an account", async ({ page }) => {
  await signInAs(page, "Sam (support)");
  await page.getByRole("searchbox", { name: "Search everything" }).fill("Pied Piper");
  await page.keyboard.press("Enter");
  await page.getByRole("region", { name: "Leads" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /Pied Piper/ })).toBeVisible();
  const scores = page.getByRole("region", { name: "Score history" });
  await expect(scores.getByRole("row")).toHaveCount(3);
  await expect(scores.getByRole("row").nth(1)).toContainText("v1-legacy");
  await expect(scores.getByRole("row").nth(1)).toContainText("stored as v1");
  await expect(scores.getByRole("row").nth(2)).toContainText("fit-2026.3");
  await page.screenshot({ path: "e2e/artifacts/story-lead.png", fullPage: true });
  await page.getByRole("region", { name: "The account it became" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Pied Piper" })).toBeVisible();
});
