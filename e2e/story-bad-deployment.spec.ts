import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

/**
 * "Deployment 4.2.1 wrote wrong prorations for a day." Finance searches for
 * the version, sees which accounts it wrote to, filters one account's
 * timeline on it, finds the whole-period proration and its correction, and
 * exports the filtered timeline as CSV.
 */
test("finance finds the bad deployment's prorations by app version and exports them", async ({ page }) => {
  await signInAs(page, "Fiona (finance)");
  await page.getByRole("searchbox", { name: "Search everything" }).fill("4.2.1");
  await page.keyboard.press("Enter");
  const deployment = page.getByRole("region", { name: "Deployment" });
  await expect(deployment).toContainText("Deployment 4.2.1 wrote");
  await expect(deployment).toContainText("Fabrikam Robotics");
  await page.screenshot({ path: "e2e/artifacts/story-deployment-search.png", fullPage: true });

  await deployment.getByRole("link", { name: "Fabrikam Robotics" }).click();
  await expect(page).toHaveURL(/\/accounts\/fabrikam\?appVersion=4\.2\.1/);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("list", { name: "Active filters" })).toContainText("app version:4.2.1");
  await timeline.getByRole("link", { name: "Every event" }).click();
  const proration = timeline.getByTestId("timeline-entry").filter({ hasText: "prorated the seat change" });
  await expect(proration).toHaveCount(1);
  // The bug: charged for every day of the period, as if the seats changed on its first day.
  await expect(proration).toContainText(/charged USD [\d,.]+ for (\d+) of \1 days remaining/);
  await expect(proration).toContainText("compensated by");

  // The correction, written after the fix, names the wrong proration.
  await timeline.getByRole("link", { name: "Remove filter app version: 4.2.1" }).click();
  await expect(page).not.toHaveURL(/appVersion/);
  const correction = timeline
    .getByTestId("timeline-entry")
    .filter({ hasText: /issued a credit note of .*: Deployment 4\.2\.1 prorated this seat change/ });
  await expect(correction).toContainText("correction");
  await expect(correction).toContainText("Priya (admin)");
  await page.screenshot({ path: "e2e/artifacts/story-deployment-account.png", fullPage: true });

  // The filtered timeline as evidence: the export carries the page's filters.
  await page.goto("/accounts/fabrikam?appVersion=4.2.1");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const rows: Record<string, string>[] = parse(readFileSync(file!, "utf8"), { columns: true });
  expect(rows.length).toBeGreaterThan(1);
  expect(new Set(rows.map((r) => r.appVersion))).toEqual(new Set(["4.2.1"]));
  expect(rows.map((r) => r.type)).toContain("ProrationApplied");
  expect(rows.find((r) => r.type === "ProrationApplied")!.sentence).toMatch(/prorated the seat change/);
});
