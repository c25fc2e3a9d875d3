import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

/** The dispute report prints cleanly: no app chrome, every section on paper, as a PDF from the browser. */
test("support prints Contoso's dispute report for the renewal period to PDF", async ({ page }) => {
  await signInAs(page, "Sam (support)", "/accounts/contoso?view=flat&types=SubscriptionRenewed");
  // The period starts on the renewal's day: filter from it, and the report button carries the period.
  const renewal = page.getByTestId("timeline-entry").first();
  const renewedOn = (await renewal.locator("time").first().getAttribute("datetime"))!.slice(0, 10);
  await page.goto(`/accounts/contoso?from=${renewedOn}T00:00:00.000Z`);
  await page.getByRole("link", { name: "Dispute report" }).click();
  await expect(page).toHaveURL(/\/accounts\/contoso\/report\?from=/);
  await expect(page.getByRole("heading", { name: "Dispute report: Contoso Pharma" })).toBeVisible();
  await expect(page.getByRole("region", { name: "State at the start and at the end" })).toContainText("open balance");
  const events = page.getByTestId("report-event");
  await expect(events.first()).toContainText("renewed Pro (annual) for 20 seats");
  await expect(page.getByRole("region", { name: "Events in the period" })).toContainText("bank transfer");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await page.screenshot({ path: "e2e/artifacts/report-print.png", fullPage: true });
  const pdf = await page.pdf({ format: "A4", printBackground: true, path: "e2e/artifacts/report.pdf" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
});
