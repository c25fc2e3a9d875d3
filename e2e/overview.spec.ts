import { expect, test } from "@playwright/test";

test("the overview shows the event store and its read horizon", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Event store" })).toBeVisible();
  const figures = page.getByRole("region", { name: "Event store figures" });
  await expect(figures.getByText("Events", { exact: true })).toBeVisible();
  await expect(figures.getByText("Server", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Read horizon" })).toContainText(
    "Readers of the global log see every event",
  );
  await page.screenshot({ path: "e2e/artifacts/overview.png", fullPage: true });
});
