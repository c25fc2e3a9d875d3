import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

/**
 * "Our downgrade was applied twice." Support finds the account, sees one
 * webhook delivery behind two downgrades, follows the delivery's correlation,
 * travels to just before the duplicate, compares the two points and finds the
 * credit note that compensates it.
 */
test("support answers 'the downgrade was applied twice' from Northwind's history", async ({ page }) => {
  await signInAs(page, "Sam (support)");
  await page.getByRole("searchbox", { name: "Search everything" }).fill("Northwind");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Northwind Traders" }).first().click();
  await expect(page.getByRole("heading", { name: "Northwind Traders" })).toBeVisible();

  // Every event, newest first: the two downgrades share the provider's delivery as their correlation.
  await page.getByRole("link", { name: "Every event" }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  const downgrades = timeline.getByTestId("timeline-entry").filter({ hasText: /downgraded (Enterprise|Pro) to/ });
  await expect(downgrades).toHaveCount(2);
  await expect(downgrades.first()).toContainText("downgraded Pro to Starter");
  await expect(downgrades.last()).toContainText("downgraded Enterprise to Pro");
  await expect(downgrades.first()).toContainText("app 4.1.0");
  await page.screenshot({ path: "e2e/artifacts/story-downgrade-timeline.png", fullPage: true });

  // The delivery's whole story, across streams.
  await downgrades
    .first()
    .getByRole("link", { name: /^delivery:evt_sub_4471|^delivery/ })
    .click();
  await expect(page).toHaveURL(/\/correlations\/delivery(%3A|:)evt_sub_4471/);
  await expect(page.getByText("downgraded Enterprise to Pro")).toBeVisible();
  await expect(page.getByText("downgraded Pro to Starter")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/story-downgrade-correlation.png", fullPage: true });

  // The duplicate is compensated by a credit note that names it.
  await page.goBack();
  await expect(downgrades.first()).toContainText("compensated by");
  const correction = timeline.getByTestId("timeline-entry").filter({ hasText: "evt_sub_4471 was applied twice" });
  await expect(correction).toContainText("correction");
  await expect(correction.getByRole("link", { name: /compensates #\d+ \(PlanDowngraded\)/ })).toBeVisible();

  // Just before the duplicate: Pro, as the customer asked.
  await downgrades.first().getByRole("link", { name: "State before" }).click();
  await expect(page.getByRole("status", { name: "Time travel" })).toContainText("As of event #");
  await expect(page.getByRole("region", { name: "Account summary" })).toContainText("Pro");
  await expect(page.getByRole("region", { name: "Account summary" })).not.toContainText("Starter");
  const before = new URL(page.url()).searchParams.get("at")!;

  // Before and after the duplicate, field by field.
  await page.goto(`/accounts/northwind/compare?from=${before}&to=${Number(before) + 1}`);
  const diff = page.getByRole("region", { name: "Field-by-field changes" });
  await expect(diff.getByRole("region", { name: "Changes to subscription-northwind" })).toContainText("plan");
  await expect(diff).toContainText("starter");
  await page.screenshot({ path: "e2e/artifacts/story-downgrade-compare.png", fullPage: true });
});
