/** `npm run seed`: demo accounts, leads and API tokens (demo mode only: the embedded database, or LEDGERLINE_DEMO=1). */
import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { isDemoMode } from "@/lib/server/config";
import { createRuntime } from "@/lib/server/runtime";

if (!isDemoMode()) {
  console.error(
    "Refusing to seed demo data (with its well-known API tokens) into a server database. Set LEDGERLINE_DEMO=1 if this database is for demos.",
  );
  process.exit(1);
}
const config = readDbConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  const { seeded, events } = await seedDemoData(createRuntime(db));
  console.log(
    seeded
      ? `Seeded ${events} demo events into ${describeDbConfig(config)}.`
      : `Demo data is already in ${describeDbConfig(config)}.`,
  );
} finally {
  await db.close();
}
