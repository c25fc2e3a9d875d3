/** `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL, or to the embedded database. */
import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open";

const config = readDbConfig();
const db = await openDatabase(config);
try {
  const { applied, alreadyApplied } = await migrate(db);
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to ${describeDbConfig(config)}: ${applied.join(", ")}`
      : `${describeDbConfig(config)} is up to date (${alreadyApplied} migration(s) applied earlier).`,
  );
} finally {
  await db.close();
}
