import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The version stamped on every event this deployment writes, so that a bad
 * release's events can be found: LEDGERLINE_APP_VERSION when the deployment
 * sets it, else "<package version>+<git commit>". Next inlines it at build.
 */
export function resolveAppVersion(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LEDGERLINE_APP_VERSION) return env.LEDGERLINE_APP_VERSION;
  let version = "0.0.0";
  try {
    version = JSON.parse(
      readFileSync(/*turbopackIgnore: true*/ path.join(process.cwd(), "package.json"), "utf8"),
    ).version;
  } catch {
    // not run from the project root
  }
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=10", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    return `${version}+${commit}`;
  } catch {
    return `${version}+dev`;
  }
}

export const appVersion = resolveAppVersion();
