import { appVersion } from "@/lib/app-version";

const DAY = 86_400_000;

/**
 * The deployments the demo's two years of history were written by, newest
 * last: `4.2.1` is the bad one (a day of wrong prorations, README's "Stories
 * to try"); the last month is this build's own version.
 */
export const DEMO_DEPLOYMENTS = [
  { version: "4.0.3", from: -800 },
  { version: "4.1.0", from: -420 },
  { version: "4.2.0", from: -200 },
  { version: "4.2.1", from: -121 },
  { version: "4.2.2", from: -120 },
  { version: "4.3.0", from: -60 },
] as const;

/** The bad deployment of the demo's story: it prorated seat changes over their whole period for one day. */
export const BAD_DEPLOYMENT = "4.2.1";
export const BAD_DEPLOYMENT_DAY = -121;

/** The deployment live at a moment of the demo's history (this build for the last 30 days). */
export function appVersionAt(when: Date, today: Date): string {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const daysAgo = (when.getTime() - midnight) / DAY;
  if (daysAgo >= -30) return appVersion;
  let live: string = DEMO_DEPLOYMENTS[0].version;
  for (const deployment of DEMO_DEPLOYMENTS) if (daysAgo >= deployment.from) live = deployment.version;
  return live;
}
