/** The databases the benchmark runs on: throwaway ones per run, kept ones for the big logs. */
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/types";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { adminQuery, databaseUrl } from "@/lib/testing/databases";
import { emmettStore, ledgerlineStore, PLAIN_SCHEMA, plainStore } from "./stores";

export async function throwawayDatabase(prefix = "ledgerline_bench") {
  const name = `${prefix}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { name, url: databaseUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A database kept between runs (`fresh` drops it first); `created` when it is new. */
export async function keptDatabase(name: string, fresh: boolean) {
  if (fresh) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = (await adminQuery(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).length > 0;
  if (!exists) await adminQuery(`CREATE DATABASE ${name}`);
  return { name, url: databaseUrl(name), created: !exists };
}

/** The three systems side by side on one database: Ledgerline's tables, the plain table and Emmett's. */
export interface Systems {
  url: string;
  db: Database;
  runtime: Runtime;
  ledgerline: ReturnType<typeof ledgerlineStore>;
  /** The same store without snapshot policies: every load folds the whole stream. */
  ledgerlineNoSnapshot: ReturnType<typeof ledgerlineStore>;
  plain: ReturnType<typeof plainStore>;
  plainPool: pg.Pool;
  emmett: ReturnType<typeof emmettStore>;
  close(): Promise<void>;
}

export async function openSystems(url: string, poolMax: number): Promise<Systems> {
  const db = openServerDatabase(url, poolMax);
  await migrate(db);
  const plainPool = new pg.Pool({ connectionString: url, max: poolMax });
  // Dropping the database terminates clients that are still closing; without a listener that is an uncaught error.
  plainPool.on("error", () => undefined);
  for (const statement of PLAIN_SCHEMA) await plainPool.query(statement);
  const emmett = emmettStore(url, poolMax);
  await emmett.store.schema.migrate();
  const runtime = createRuntime(db);
  return {
    url,
    db,
    runtime,
    ledgerline: ledgerlineStore(db),
    ledgerlineNoSnapshot: ledgerlineStore(db, { snapshots: false }),
    plain: plainStore(plainPool),
    plainPool,
    emmett,
    async close() {
      await emmett.close();
      await plainPool.end();
      await db.close();
    },
  };
}

/** The server's version, for the report. */
export async function serverVersion(): Promise<string> {
  const [row] = await adminQuery<{ v: string }>("SELECT current_setting('server_version') AS v");
  return row?.v ?? "unknown";
}
