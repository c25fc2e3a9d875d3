import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

/** "Which trials converted after the pricing change, and at which price?" */
test("finance sees which trials converted after the price change, at which price, and exports them", async ({
  page,
}) => {
  await signInAs(page, "Fiona (finance)", "/reports/conversions");
  const changes = page.getByRole("region", { name: "Price changes" });
  await expect(changes).toContainText(
    "Dana (admin) changed the Pro (monthly) price from USD 99.00 to USD 119.00 per seat",
  );
  const effective = /effective (\d{4}-\d{2}-\d{2})/.exec((await changes.textContent())!)![1]!;

  await page.getByLabel("Plan").selectOption("pro");
  await page.getByLabel("Interval").selectOption("monthly");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/plan=pro/);
  const rows = page.getByTestId("conversion");
  await expect(rows.filter({ hasText: `new price since ${effective}` }).first()).toContainText("USD 119.00");
  await expect(rows.filter({ hasText: "list price" }).first()).toContainText("USD 99.00");
  await page.screenshot({ path: "e2e/artifacts/story-conversions.png", fullPage: true });

  // After the change only: every conversion at the new price.
  await page.getByLabel("Converted from").fill(effective);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText("USD 119.00");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const { readFileSync } = await import("node:fs");
  const csv: Record<string, string>[] = parse(readFileSync((await (await download).path())!, "utf8"), {
    columns: true,
  });
  expect(csv.length).toBe(await rows.count());
  expect(new Set(csv.map((r) => r.unitPrice))).toEqual(new Set(["11900"]));
  expect(csv.every((r) => r.priceSince?.startsWith(effective))).toBe(true);
});
