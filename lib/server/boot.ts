import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { isDemoMode } from "./config";
import { createRuntime } from "./runtime";

/**
 * Brings a server process up: opens the database, applies pending migrations
 * (advisory-locked, so several instances may race safely) and releases the
 * database on shutdown (the embedded one must be closed cleanly).
 */
export async function bootServer(): Promise<void> {
  const config = readDbConfig();
  console.log(`[ledgerline] database: ${describeDbConfig(config)}`);
  const db = await getDatabase();
  const { applied } = await migrate(db);
  if (applied.length > 0) console.log(`[ledgerline] applied migrations: ${applied.join(", ")}`);
  if (isDemoMode()) {
    const { seeded, events } = await seedDemoData(createRuntime(db));
    if (seeded) console.log(`[ledgerline] demo mode: seeded ${events} demo events and the demo API tokens`);
  }

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      closeDatabase()
        .catch((error: unknown) => console.error("[ledgerline] closing the database failed:", error))
        .finally(() => process.exit(0));
    });
  }
}
