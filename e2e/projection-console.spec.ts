import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signInAs } from "./sign-in";

const admin = { authorization: "Bearer demo-admin-token" };
const port = process.env.E2E_PORT ?? "3210";

/** The app's database, as scripts/e2e-server.ts created it: to break a read model underneath the app. */
async function database<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = readFileSync(path.join(tmpdir(), `ledgerline-e2e-${port}.url`), "utf8");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const row = (page: import("@playwright/test").Page, name: string) =>
  page.getByRole("listitem", { name: `Projection ${name}` });

test("Dana rebuilds a projection and watches the progress bar finish while an account timeline still loads", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, "Dana (admin)", "/projections");
  await expect(page.getByRole("heading", { name: "Projection console" })).toBeVisible();
  const timeline = row(page, "account-timeline");
  // Right after the server starts, the projections are still applying the demo seed.
  await expect(timeline.getByTestId("projection-status")).toHaveText("running", { timeout: 180_000 });
  await expect(timeline.getByRole("figure", { name: "Throughput of account-timeline" })).toBeVisible();

  await timeline.getByRole("button", { name: "Rebuild" }).click();
  await timeline.getByLabel("Reason (recorded with your name)").fill("renderer change in 4.3.1");
  await timeline.getByRole("button", { name: "Confirm rebuild" }).click();

  const progress = timeline.getByRole("progressbar", { name: "Rebuild of account-timeline" });
  await expect(progress).toBeVisible({ timeout: 15_000 });
  // Events done, rate and time left, moving.
  await expect(timeline).toContainText(/[1-9][\d,]* of [\d,]+ events \(\d+%\) · [\d.,]+ events\/s · about \d+ s left/, {
    timeout: 30_000,
  });
  await page.screenshot({ path: "e2e/artifacts/projection-console-rebuilding.png", fullPage: true });

  // Meanwhile the timeline answers from the current tables.
  const reader = await context.newPage();
  await reader.goto("/accounts/acme?view=flat");
  await expect(reader.getByTestId("timeline-entry").first()).toBeVisible();
  await reader.close();

  await expect(progress).toHaveCount(0, { timeout: 120_000 });
  await expect(timeline.getByTestId("projection-status")).toHaveText("running");
  await expect(timeline).toContainText("Last rebuilt");
  const history = page.getByRole("region", { name: "Console history" });
  await expect(history.getByTestId("console-operation").first()).toContainText(
    "Dana (admin) requested a rebuild of the account-timeline projection: renderer change in 4.3.1",
  );
  await page.screenshot({ path: "e2e/artifacts/projection-console.png", fullPage: true });
});

test("a poisoned projection shows its error, linked to the event's stream, and recovers after retry", async ({
  page,
  request,
}) => {
  await database((db) =>
    db.query(`ALTER TABLE rm_account_summary ADD CONSTRAINT e2e_poison CHECK (name <> 'Poison Pill Ltd') NOT VALID`),
  );
  try {
    const opened = await request.post("/api/commands/OpenAccount", {
      headers: admin,
      data: { name: "Poison Pill Ltd", billingEmail: "ap@poison.example", currency: "EUR" },
    });
    expect(opened.status()).toBe(200);
    const { accountId } = await opened.json();

    await signInAs(page, "Dana (admin)", "/projections");
    const summary = row(page, "account-summary");
    await expect(summary.getByTestId("projection-status")).toHaveText("failed", { timeout: 15_000 });
    const failure = summary.getByRole("alert");
    await expect(failure).toContainText("Stopped on AccountOpened at position");
    await expect(failure).toContainText("e2e_poison");
    await page.screenshot({ path: "e2e/artifacts/projection-console-failed.png", fullPage: true });

    await failure.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/streams/account-${accountId}`));
    await page.goBack();
  } finally {
    await database((db) => db.query(`ALTER TABLE rm_account_summary DROP CONSTRAINT IF EXISTS e2e_poison`));
  }
  const summary = row(page, "account-summary");
  await summary.getByRole("button", { name: "Retry" }).click();
  await summary.getByLabel("Reason (recorded with your name)").fill("constraint removed");
  await summary.getByRole("button", { name: "Confirm retry" }).click();
  await expect(summary.getByTestId("projection-status")).toHaveText(/running|catching up/, { timeout: 15_000 });
  await expect(summary.getByRole("alert")).toHaveCount(0);
  await expect(
    page.getByRole("region", { name: "Console history" }).getByTestId("console-operation").first(),
  ).toContainText(
    /Dana \(admin\) retried the account-summary projection on the event at position \d+: constraint removed/,
  );
});

test("Dana verifies the whole log's hash chain and runs a consistency check", async ({ page }) => {
  await signInAs(page, "Dana (admin)", "/projections");
  const integrity = page.getByRole("region", { name: "Event-store integrity" });
  await integrity.getByLabel("Reason").fill("quarterly audit");
  await integrity.getByRole("button", { name: "Verify" }).click();
  await expect(integrity.getByRole("progressbar", { name: "Hash-chain verification" })).toBeVisible();
  await expect(integrity.getByRole("status")).toHaveText(/Intact: [\d,]+ events in [\d,]+ streams/, {
    timeout: 30_000,
  });

  const consistency = page.getByRole("region", { name: "Consistency check" });
  await consistency.getByLabel("Reason").fill("weekly check");
  await consistency.getByRole("button", { name: "Run check" }).click();
  await expect(consistency.getByTestId("consistency-result")).toContainText(/Consistent|difference/, {
    timeout: 30_000,
  });
  const history = page.getByRole("region", { name: "Console history" }).getByTestId("console-operation");
  await expect(history.first()).toContainText("Dana (admin) ran a consistency check");
  await expect(history.nth(1)).toContainText("Dana (admin) verified the hash chain of the whole log");
  await page.screenshot({ path: "e2e/artifacts/projection-console-checks.png", fullPage: true });
});

test("Sam (support) watches but sees no action buttons, and the server refuses the actions", async ({
  page,
  request,
}) => {
  await signInAs(page, "Sam (support)", "/projections");
  await expect(row(page, "invoices").getByTestId("projection-status")).toBeVisible();
  await expect(page.getByText("operating them is for admins")).toBeVisible();
  for (const name of ["Rebuild", "Pause", "Resume", "Retry", "Skip event", "Verify", "Run check"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await page.screenshot({ path: "e2e/artifacts/projection-console-support.png", fullPage: true });

  const before = (await (await request.get("/api/projections/console", { headers: admin })).json()).history.length;
  const refused = await request.post("/api/projections/invoices/pause", {
    headers: { authorization: "Bearer demo-support-token" },
    data: { reason: "not mine to do" },
  });
  expect(refused.status()).toBe(403);
  const after = (await (await request.get("/api/projections/console", { headers: admin })).json()).history.length;
  expect(after).toBe(before);
});

test("signed out, the console sends to sign-in and back", async ({ page }) => {
  await page.goto("/projections");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprojections/);
});
