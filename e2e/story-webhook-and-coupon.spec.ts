import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("support sees a webhook delivered three times applied once, and the delivery's story", async ({ page }) => {
  await signInAs(page, "Sam (support)", "/accounts/soylent?view=flat&types=PaymentRecorded");
  const payment = page.getByTestId("timeline-entry").filter({ hasText: "ref ch_soylent_1" });
  await expect(payment.getByTestId("replays")).toHaveText("sent 3 times, applied once");
  await page.screenshot({ path: "e2e/artifacts/story-webhook.png", fullPage: true });
  await payment.getByRole("link", { name: /^delivery/ }).click();
  await expect(page).toHaveURL(/\/correlations\/delivery(%3A|:)evt_pay_soylent_1/);
  await expect(page.getByText("sent 3 times, applied once").first()).toBeVisible();
});

test("support explains a vanished coupon: sales applied it, an automation removed it on a Tuesday, support re-applied it", async ({
  page,
}) => {
  await signInAs(page, "Sam (support)", "/accounts/stark");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByText("Filters", { exact: true }).click();
  await timeline.getByLabel("Event types").selectOption(["CouponApplied", "CouponRemoved"]);
  await timeline.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/types=CouponApplied(%2C|,|&types=)CouponRemoved/);
  const entries = timeline.getByTestId("timeline-entry");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText("support-desk (service) applied coupon SAVE20");
  await expect(entries.nth(0)).toContainText("Ticket #5120");
  await expect(entries.nth(1)).toContainText("Coupon clean-up (automation) removed coupon SAVE20");
  await expect(entries.nth(2)).toContainText("crm-sync (service) applied coupon SAVE20");
  // The removal's day, in UTC, is a Tuesday.
  const removedAt = await entries.nth(1).locator("time").first().getAttribute("datetime");
  expect(new Date(removedAt!).getUTCDay()).toBe(2);
  await page.screenshot({ path: "e2e/artifacts/story-coupon.png", fullPage: true });

  // Just after the removal, the subscription had no coupon.
  await entries.nth(1).getByRole("link", { name: "after", exact: true }).click();
  await expect(page.getByRole("region", { name: "Account summary" })).not.toContainText("coupon SAVE20");
  await page.getByRole("link", { name: "Back to now" }).click();
  await expect(page.getByRole("region", { name: "Account summary" })).toContainText("coupon SAVE20");
});
