import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

/**
 * "That renewal offer was never approved." The CRM applied SAVE20 to
 * Contoso on a salesman's say-so: Dana supersedes the coupon from the
 * timeline. It stays there, struck through with her name and reason, and the
 * header's MRR is back to the list price (the renewal kept the coupon only
 * because it was there). Sam (support) is offered no such button (and the
 * server refuses the action anyway: lib/actions/corrections.int.spec.ts).
 */
const COUPON_VIEW = "/accounts/contoso?types=CouponApplied&view=flat";

test("Dana supersedes a coupon; it is struck through with her reason and the header changes", async ({ page }) => {
  await signInAs(page, "Dana (admin)", COUPON_VIEW);
  const summary = page.getByRole("region", { name: "Account summary" });
  // (Right after the server starts, the read models may still be catching up with the demo data.)
  await expect(async () => {
    await page.reload();
    await expect(summary).toContainText("coupon SAVE20", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const mrrBefore = await summary.getByText("MRR").locator("..").innerText();

  const timeline = page.getByRole("region", { name: "Timeline" });
  const change = timeline.getByTestId("timeline-entry").filter({ hasText: "CouponApplied" }).first();
  await expect(change).toContainText("crm-sync (service)");
  await change.getByRole("button", { name: "Supersede" }).click();
  const form = change.getByRole("form", { name: /Supersede event/ });
  // A reason is required by the domain: too short is refused in its words.
  await form.getByRole("textbox", { name: "Reason" }).fill("no");
  await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
  await form.getByRole("button", { name: "Supersede event" }).click();
  await expect(form.getByRole("alert")).toContainText("reason must say why");
  await page.screenshot({ path: "e2e/artifacts/supersede-form.png", fullPage: true });

  const reason = "Ticket #4120: the renewal offer was never approved.";
  await form.getByRole("textbox", { name: "Reason" }).fill(reason);
  await form.getByRole("button", { name: "Supersede event" }).click();

  const struck = timeline.locator("[data-superseded=true]").first();
  await expect(struck).toContainText(`Superseded by Dana (admin)`);
  await expect(struck).toContainText(reason);
  await expect(struck.getByRole("button", { name: "Supersede" })).toHaveCount(0);
  // The read model catches up within moments: no coupon in the header, and MRR back at the list price.
  await expect(async () => {
    await page.reload();
    await expect(summary).not.toContainText("coupon SAVE20", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(summary.getByText("MRR").locator("..")).not.toContainText("after coupon");
  expect(await summary.getByText("MRR").locator("..").innerText()).not.toBe(mrrBefore);
  await page.screenshot({ path: "e2e/artifacts/supersede-struck.png", fullPage: true });

  // The supersession is on the timeline too, naming the event.
  await page.goto("/accounts/contoso?types=EventSuperseded&view=flat");
  await expect(timeline.getByTestId("timeline-entry").first()).toContainText(
    /Dana \(admin\) superseded the CouponApplied event at position \d+/,
  );
  await expect(timeline.getByTestId("timeline-entry").first()).toContainText(`Reason: ${reason}`);
});

test("Sam (support) sees no Supersede button, on the timeline or the raw event", async ({ page }) => {
  await signInAs(page, "Sam (support)", COUPON_VIEW);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByTestId("timeline-entry").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Supersede" })).toHaveCount(0);
  await timeline.getByTestId("timeline-entry").first().getByRole("link", { name: "Raw event" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Supersede" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Erase personal data" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/supersede-support-view.png", fullPage: true });
});
