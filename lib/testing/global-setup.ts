import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import { adminQuery, databaseUrl, templateName } from "./databases";

/** Builds the migrated template once per run; stale templates of older migrations are dropped. */
export default async function setup() {
  const name = templateName();
  const existing = await adminQuery<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'ledgerline_tpl_%' OR datname LIKE 'ledgerline_test_%'",
  );
  const staleBefore = Date.now() / 1000 - 2 * 3600;
  for (const { datname } of existing) {
    const created = Number(/^ledgerline_test_(\d+)_/.exec(datname)?.[1] ?? 0);
    const stale = datname.startsWith("ledgerline_tpl_") ? datname !== name : created < staleBefore;
    if (stale) await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  if (!existing.some((row) => row.datname === name)) {
    await adminQuery(`CREATE DATABASE ${name}`);
    const db = openServerDatabase(databaseUrl(name), 2);
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      throw error;
    }
    await db.close();
  }
}
