/**
 * `npm run bench:reads` (also part of `npm run bench`): what the support desk
 * reads on a 100,000-event account — the first timeline page, a page 50,000
 * events deep, the account as of the middle of its history, and a compare
 * across its whole history — through the page queries themselves, with 8
 * concurrent readers while a writer appends. p50/p95 per workload. A point
 * asked again is answered from the fold kept for it (lib/history/account-at.ts);
 * four more workloads ask a new point every time, to show the folding itself:
 * forward from points asked before (a point, and a compare to it), stepping
 * back below all of them, and forward while the account read is written.
 *
 * The account is built once through the command handler (`npm run seed --
 * --large`'s code, several minutes) in the database `ledgerline_bench_reads`
 * (BENCH_READS_DB) on the test server, and kept for the next run
 * (BENCH_FRESH=1 rebuilds it). `npm run bench` runs it as B8 and reads the
 * figures from the file BENCH_JSON names.
 */
import { writeFileSync } from "node:fs";
import pg from "pg";
import { adminQuery, databaseUrl } from "@/lib/testing/databases";

const EVENTS = Number(process.env.BENCH_LARGE_EVENTS ?? 100_000);
const READERS = Number(process.env.BENCH_READERS ?? 8);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);
const name = process.env.BENCH_READS_DB ?? "ledgerline_bench_reads";

if (process.env.BENCH_FRESH === "1") await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
if ((await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length === 0) {
  await adminQuery(`CREATE DATABASE ${name}`);
}
// The page queries use the process runtime: point it at the bench database before loading them.
process.env.DATABASE_URL = databaseUrl(name);
process.env.DATABASE_POOL_MAX = String(READERS + 4);
const { getDatabase, closeDatabase } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { getRuntime } = await import("@/lib/server/runtime");
const { seedDemoData } = await import("@/lib/seed/demo-seed");
const { seedLargeAccount, LARGE_ACCOUNT } = await import("@/lib/seed/large");
const { projections } = await import("@/lib/projections/registry");
const { ProjectionRunner } = await import("@/lib/projections/runner");
const { readAccountPage } = await import("@/lib/queries/accounts");
const { readBetween } = await import("@/lib/queries/compare");
const { issueCommand } = await import("@/lib/automation/issue-command");

const db = await getDatabase();
await migrate(db);
const runtime = await getRuntime();
await seedDemoData(runtime, { accounts: 20, concurrency: 4 });
const started = Date.now();
const built = await seedLargeAccount(runtime, {
  events: EVENTS,
  onProgress: (done, total) => process.stdout.write(`\r[bench] building ${LARGE_ACCOUNT}: ${done}/${total} events`),
});
console.log(`\n[bench] ${LARGE_ACCOUNT} has ${built.events} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);

// The read models catch up before measuring, and keep up with the writer while measuring.
const runner = new ProjectionRunner(runtime, projections, { batchSize: 500, pollMs: 50, log: () => undefined });
await runner.start();
const head = async () => (await runtime.store.readHorizon()).headPosition;
const caughtUp = async () => {
  const target = await head();
  for (;;) {
    // A read model rebuilt in shadow tables (a new version) keeps its old checkpoint until the swap.
    const behind = await db.prisma.projectionCheckpoint.count({
      where: { OR: [{ position: { lt: target } }, { status: "rebuilding" }, { rebuildRequested: true }] },
    });
    if (behind === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
};
await caughtUp();

const client = new pg.Client({ connectionString: databaseUrl(name) });
await client.connect();
// Fresh statistics and visibility, as autovacuum keeps them in production (this machine's cluster runs
// with autovacuum off: without this the planner guesses on tables it has never analysed).
await client.query("VACUUM ANALYZE");
const positions = (
  await client.query<{ deep: string; middle: string }>(
    `SELECT (SELECT position FROM rm_timeline WHERE account_id = $1 ORDER BY position DESC OFFSET 50000 LIMIT 1) AS deep,
            (SELECT position FROM rm_timeline WHERE account_id = $1 ORDER BY position OFFSET (SELECT count(*) / 2 FROM rm_timeline WHERE account_id = $1) LIMIT 1) AS middle`,
    [LARGE_ACCOUNT],
  )
).rows[0]!;
await client.end();

// Points near the middle, a different one each read: what folding costs when no reader asked it before.
// Each starts from the nearest point asked before it (forward: folds on from it; back: refolds what
// changed in between); the last workload writes to the account read meanwhile (its kept answers stand
// while what is appended lies past them).
const middle = Number(positions.middle);
let nextPoint = 0;
const freshPoint = () => String(middle - 5_000 + ((nextPoint++ * 97) % 10_000));
let backPoint = 0;
const pointBack = () => String(middle - 10_000 - 97 * backPoint++);

const workloads: [string, () => Promise<unknown>][] = [
  ["first timeline page", () => readAccountPage(LARGE_ACCOUNT, {})],
  ["a page 50,000 events deep", () => readAccountPage(LARGE_ACCOUNT, { cursor: positions.deep })],
  ["as of the middle of its history (?at=)", () => readAccountPage(LARGE_ACCOUNT, { at: positions.middle })],
  ["compare across its whole history", () => readBetween(LARGE_ACCOUNT, { from: "0" })],
  ["?at= a point no one asked before (folded each time)", () => readAccountPage(LARGE_ACCOUNT, { at: freshPoint() })],
  ["?at= stepping back, below every point asked", () => readAccountPage(LARGE_ACCOUNT, { at: pointBack() })],
  [
    "compare from the start to a new point (folded each time)",
    () => readBetween(LARGE_ACCOUNT, { from: "0", to: freshPoint() }),
  ],
  ["?at= a new point while this account is written", () => readAccountPage(LARGE_ACCOUNT, { at: freshPoint() })],
];
const WRITTEN_WHILE_READ = workloads.length - 1;

// A writer appends on another account all the while (seat changes and their invoices); in the last
// workload on the account read, so every read sees its log changed since the last.
let writing = true;
let written = 0;
let writtenToRead = 0;
let writeTo = "acme";
const writer = (async () => {
  for (let seats = 1; writing; seats = (seats % 40) + 1) {
    const accountId = writeTo;
    const ok = await issueCommand(runtime, {
      type: "ChangeSeats",
      data: { accountId, seats: seats + 1 },
      caller: { system: "bench" },
      source: "system",
    }).then(
      () => true,
      () => false,
    );
    written++;
    if (ok && accountId === LARGE_ACCOUNT) writtenToRead++;
  }
})();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const results: { what: string; p50: number; p95: number; samples: number }[] = [];
for (const [index, [what, read]] of workloads.entries()) {
  if (index === WRITTEN_WHILE_READ) writeTo = LARGE_ACCOUNT;
  await read(); // warm: a fold may leave history snapshots for the next one
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        await read();
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  results.push({ what, p50: percentile(times, 0.5), p95: percentile(times, 0.95), samples: times.length });
  console.log(
    `[bench] ${what}: p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms`,
  );
}
writing = false;
await writer;
await runner.stop();

console.log(
  `\nReads on ${LARGE_ACCOUNT} (${built.events} events), ${READERS} concurrent readers × ${SAMPLES}, while a writer appended (${written} commands; ${writtenToRead} to ${LARGE_ACCOUNT} in the last workload), ${new Date().toISOString()}\n`,
);
console.log("| read | p50 ms | p95 ms | target p95 |");
console.log("| --- | ---: | ---: | ---: |");
for (const r of results) {
  console.log(`| ${r.what} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | 150 ${r.p95 <= 150 ? "✓" : "✗"} |`);
}
if (process.env.BENCH_JSON) {
  writeFileSync(process.env.BENCH_JSON, JSON.stringify({ events: built.events, readers: READERS, written, results }));
}
await closeDatabase();
