import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

/**
 * README's first command, as a newcomer runs it: no DATABASE_URL, an empty
 * data directory. `npm start` must migrate the embedded database and serve.
 */
test("`npm start` on an empty data directory serves the app on the embedded database", async ({ page }) => {
  test.setTimeout(300_000);
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerline-start-"));
  const dataDir = path.join(dataRoot, "pglite");
  const port = 3299;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LEDGERLINE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.LEDGERLINE_DEMO;
  const app: ChildProcess = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  app.stdout!.on("data", (chunk) => (output += chunk));
  app.stderr!.on("data", (chunk) => (output += chunk));
  try {
    await expect
      .poll(
        async () => {
          const response = await fetch(`http://localhost:${port}/`).catch(() => null);
          return response?.status ?? 0;
        },
        { timeout: 240_000, intervals: [1000] },
      )
      .toBe(200);
    // Demo data and the demo people come with an empty data directory: one click signs in.
    await signInAs(page, "Dana (admin)", `http://localhost:${port}/`);
    await expect(page.getByRole("heading", { name: "Event store" })).toBeVisible();
    await expect(page.getByText("Embedded", { exact: true })).toBeVisible();
    // The demo's history, projected in the same process, on an account's page.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("link", { name: "Acme Analytics" }).click();
    await expect(page).toHaveURL(/\/accounts\/acme$/);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("timeline-entry").last()).toContainText("opened the account Acme Analytics", {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
    expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    expect(output).toContain("embedded PostgreSQL (PGlite)");
  } finally {
    process.kill(-app.pid!, "SIGTERM");
    // A clean shutdown closes the embedded database and releases it for the next process.
    await expect.poll(() => fs.existsSync(`${dataDir}.lock`), { timeout: 20_000, message: output }).toBe(false);
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
});
