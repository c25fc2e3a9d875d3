import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

const admin = { authorization: "Bearer demo-admin-token" };

test("a new event is announced on the account page without a reload, and the overview's figures move", async ({
  page,
  request,
}) => {
  await signInAs(page, "Sam (support)", "/accounts/globex?view=flat");
  const entries = page.getByTestId("timeline-entry");
  const newest = await entries.first().getAttribute("data-position");
  const renamed = await request.post("/api/commands/RenameAccount", {
    headers: admin,
    data: { accountId: "globex", name: "Globex Worldwide" },
  });
  expect(renamed.status()).toBe(200);
  // The marker floats over the page: what the reader looks at does not move.
  const marker = page.getByTestId("new-events");
  await expect(marker).toHaveText(/1 new event on this account · show/, { timeout: 20_000 });
  expect(await entries.first().getAttribute("data-position")).toBe(newest);
  await marker.click();
  await expect(entries.first()).toContainText("renamed the account to Globex Worldwide");
  await expect(marker).toHaveCount(0);

  // The overview keeps its figures current too.
  await page.goto("/");
  const events = page
    .getByRole("region", { name: "Event store figures" })
    .getByText(/^[\d,]+$/)
    .first();
  const before = Number((await events.textContent())!.replace(/,/g, ""));
  await request.post("/api/commands/RenameAccount", {
    headers: admin,
    data: { accountId: "globex", name: "Globex Corporation" },
  });
  await expect(async () => {
    expect(Number((await events.textContent())!.replace(/,/g, ""))).toBeGreaterThan(before);
  }).toPass({ timeout: 20_000 });
});
