/**
 * Serves the app for the Playwright suite: a fresh database on the test
 * PostgreSQL server, demo data on, via the same start script as README's.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
// The creation time in the name lets a later run drop what a crashed run left behind (but not a parallel run's).
const name = `ledgerline_e2e_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
const existing = await admin.query<{ datname: string }>(
  "SELECT datname FROM pg_database WHERE datname LIKE 'ledgerline_e2e_%'",
);
const staleBefore = Date.now() / 1000 - 2 * 3600;
for (const { datname } of existing.rows) {
  const created = Number(/^ledgerline_e2e_(\d+)/.exec(datname)?.[1] ?? 0);
  if (created < staleBefore) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();

const url = new URL(server);
url.pathname = `/${name}`;
// Where specs that must break something underneath the app (a poisoned projection) find its database.
writeFileSync(path.join(tmpdir(), `ledgerline-e2e-${process.env.PORT ?? 3210}.url`), url.toString());
const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  // Fewer generated customers than a first start: the stories are all there, and the suite starts sooner.
  // A rebuild of this small log is over in a fraction of a second; capped, it runs long enough for the
  // console spec to watch its progress bar move, as it would on a production-sized log.
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    LEDGERLINE_DEMO: "1",
    LEDGERLINE_DEMO_ACCOUNTS: "40",
    LEDGERLINE_REBUILD_EVENTS_PER_SECOND: "200",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", async (code) => {
  const cleanup = new pg.Client({ connectionString: server });
  await cleanup
    .connect()
    .then(() => cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    .catch((error: unknown) => console.error(`[e2e] could not drop ${name}:`, error))
    .finally(() => cleanup.end().catch(() => undefined));
  process.exit(code ?? 0);
});
