import { execFileSync } from "node:child_process";

/** Debian's Chromium (Playwright cannot download its own browser here): CHROMIUM_PATH, or the one on PATH. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"]).toString().trim();
  } catch {
    throw new Error(
      "Chromium not found: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.",
    );
  }
}

/** How the e2e and reliability suites launch it: no sandbox (root), and nothing leaves the machine. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Any other host fails to resolve (an injected image, an open redirect).
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];
