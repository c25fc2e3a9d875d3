import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("the overview shows the event store, its read horizon and every projection", async ({ page }) => {
  await signInAs(page, "Sam (support)");
  await expect(page.getByRole("heading", { name: "Event store" })).toBeVisible();
  const figures = page.getByRole("region", { name: "Event store figures" });
  await expect(figures.getByText("Events", { exact: true })).toBeVisible();
  await expect(figures.getByText("Server", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Read horizon" })).toContainText(
    "Readers of the global log see every event",
  );

  // The demo seed's events are projected by the runner inside the app process.
  const projections = page.getByRole("region", { name: "Projections" });
  for (const name of [
    "account-summary",
    "account-timeline",
    "invoices",
    "revenue-movements",
    "customer-lifecycle",
    "trial-conversions",
    "billing-policy",
  ]) {
    await expect(projections.getByRole("row").filter({ hasText: name })).toBeVisible();
  }
  await expect(async () => {
    await page.reload();
    await expect(projections.getByText("running")).toHaveCount(7);
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: "e2e/artifacts/overview.png", fullPage: true });
});
