import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import { adminQuery, databaseUrl, templateName } from "./databases";

/**
 * Builds the migrated template once per run. A template of other migrations
 * (another checkout, an older commit) is dropped once nobody has used it for
 * two hours: each run stamps its template's last use in the database comment,
 * so parallel runs of different checkouts keep each other's.
 */
export default async function setup() {
  const name = templateName();
  const existing = await adminQuery<{ datname: string; used: string | null }>(
    `SELECT datname, shobj_description(oid, 'pg_database') AS used FROM pg_database
     WHERE datname LIKE 'ledgerline_tpl_%' OR datname LIKE 'ledgerline_test_%'`,
  );
  const staleBefore = Date.now() / 1000 - 2 * 3600;
  for (const { datname, used } of existing) {
    const created = datname.startsWith("ledgerline_tpl_")
      ? Number(used ?? 0)
      : Number(/^ledgerline_test_(\d+)_/.exec(datname)?.[1] ?? 0);
    if (datname !== name && created < staleBefore) await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
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
  await adminQuery(`COMMENT ON DATABASE ${name} IS '${Math.floor(Date.now() / 1000)}'`);
}
