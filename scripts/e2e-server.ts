/**
 * Serves the app for the Playwright suite: a fresh database on the test
 * PostgreSQL server, demo data on, via the same start script as README's.
 */
import { spawn } from "node:child_process";
import pg from "pg";

const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `ledgerline_e2e_${Math.floor(Date.now() / 1000)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
const stale = await admin.query<{ datname: string }>(
  "SELECT datname FROM pg_database WHERE datname LIKE 'ledgerline_e2e_%'",
);
for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();

const url = new URL(server);
url.pathname = `/${name}`;
const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url.toString(), LEDGERLINE_DEMO: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
