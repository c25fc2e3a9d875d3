/**
 * `npm run bench:search`: how fast the account search is on 10,000 accounts,
 * with the trigram indexes and without them. Fills the account-summary read
 * model directly (good enough for a search speed check, not for anything the
 * projections compute), then EXPLAIN ANALYZEs the exact SQL Prisma sends for
 * `listAccountSummaries`. Uses a throwaway database on the test server.
 */
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import { listAccountSummaries } from "@/lib/projections/account-summary/queries";
import { adminQuery, databaseUrl } from "@/lib/testing/databases";
import {
  type CapturedQuery,
  explainAnalyze,
  fillAccountSummaries,
  recordingDatabase,
} from "@/lib/testing/search-bench";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const RUNS = 7;
const TERMS = ["harbor", "acct-04242", "billing777@", "zz", "nothing-like-this"];
const INDEXES = ["name", "billing_email", "account_id"].map((c) => `rm_account_summary_${c}_trgm_idx`);

const name = `ledgerline_bench_search_${Date.now()}`;
await adminQuery(`CREATE DATABASE ${name}`);
const url = databaseUrl(name);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const client = await pool.connect();
try {
  const db = openServerDatabase(url, 2);
  await migrate(db);
  await db.close();
  await fillAccountSummaries(client, ACCOUNTS);

  const recording = recordingDatabase(pool);
  const shown: number[] = [];
  for (const term of TERMS) {
    shown.push((await listAccountSummaries(recording.db, { search: term, limit: 20 })).items.length);
  }
  await recording.close();

  const median = async (query: CapturedQuery) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await explainAnalyze(client, query));
    runs.sort((a, b) => a.ms - b.ms);
    const middle = runs[Math.floor(RUNS / 2)]!;
    return { ms: middle.ms, plan: middle.scans.join(" / ") };
  };
  const measure = async () => {
    const out = [];
    for (const query of recording.captured) out.push(await median(query));
    return out;
  };
  // Fresh rows sit in each GIN index's pending list until a VACUUM (autovacuum) merges them; the
  // planner knows, and scans the table meanwhile. Measured both ways, and with no trigram index.
  const fresh = await measure();
  await client.query("VACUUM ANALYZE rm_account_summary");
  const vacuumed = await measure();
  await client.query("BEGIN");
  for (const index of INDEXES) await client.query(`DROP INDEX ${index}`);
  const without = await measure();
  await client.query("ROLLBACK");

  console.log(`Account search on ${ACCOUNTS} accounts (median of ${RUNS} EXPLAIN ANALYZE runs, ms)\n`);
  console.log(`SQL: ${recording.captured[0]!.query}\n`);
  console.log("| search | shown | indexed, just written | indexed, after VACUUM | no trigram index |");
  console.log("| ------ | ----- | --------------------- | --------------------- | ---------------- |");
  TERMS.forEach((term, i) => {
    console.log(`| ${term} | ${shown[i]} | ${fresh[i]!.ms} | ${vacuumed[i]!.ms} | ${without[i]!.ms} |`);
  });
  console.log("\nPlans:");
  TERMS.forEach((term, i) => {
    console.log(`${term}\n  just written:  ${fresh[i]!.plan}\n  after VACUUM:  ${vacuumed[i]!.plan}`);
    console.log(`  no trgm index: ${without[i]!.plan}`);
  });
} finally {
  client.release();
  await pool.end();
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
