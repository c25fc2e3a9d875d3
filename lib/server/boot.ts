import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { demoSeedOptions, seedDemoData } from "@/lib/seed/demo-seed";
import { progressLine } from "@/lib/seed/progress";
import { isDemoMode } from "./config";
import { startBillingClock } from "@/lib/automation/billing-clock-timer";
import { startProjector, projectorInApp } from "./projector";
import { getRuntime } from "./runtime";

/**
 * Brings a server process up: opens the database, applies pending migrations
 * (advisory-locked, so several instances may race safely), seeds demo data in
 * demo mode, starts the projections and the billing clock (unless they run
 * elsewhere), and on
 * shutdown stops them and closes the database (the embedded one must be
 * closed cleanly).
 */
export async function bootServer(): Promise<void> {
  const config = readDbConfig();
  console.log(`[ledgerline] database: ${describeDbConfig(config)}`);
  const db = await getDatabase();
  const { applied } = await migrate(db);
  if (applied.length > 0) console.log(`[ledgerline] applied migrations: ${applied.join(", ")}`);
  const runtime = await getRuntime();
  if (isDemoMode()) {
    const { seeded, events } = await seedDemoData(runtime, {
      ...demoSeedOptions(process.env),
      concurrency: db.kind === "embedded" ? 1 : 4,
      onProgress: progressLine((line) => console.log(line)),
    });
    if (seeded) console.log(`[ledgerline] demo mode: seeded ${events} demo events and the demo API tokens`);
  }

  const background = projectorInApp(process.env, db.kind);
  const runner = background ? await startProjector(runtime) : null;
  const clock = background ? await startBillingClock(runtime) : null;
  if (background) console.log("[ledgerline] projections and the billing clock run in this process");

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      Promise.all([runner?.stop(), clock?.stop()])
        .then(() => closeDatabase())
        .catch((error: unknown) => console.error("[ledgerline] closing the database failed:", error))
        .finally(() => process.exit(0));
    });
  }
}
