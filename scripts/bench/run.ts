/**
 * `npm run bench` (`-- --quick` for small sizes; see options.ts for every
 * flag): Ledgerline against plain PostgreSQL and Emmett's PostgreSQL event
 * store on the same workloads, B1–B8 and the embedded database, interleaved,
 * medians of several runs. Prints a table and writes bench-results/latest.json
 * and latest.md. Throwaway databases on the test server (TEST_DATABASE_URL)
 * for B1–B4 and B7; kept ones for the big log (B5, B6) and B8's account.
 */
import { b7 } from "./commands";
import { openSystems, serverVersion, throwawayDatabase } from "./databases";
import { embedded } from "./embedded";
import { b4 } from "./loads";
import { b5, openLog } from "./log";
import { log, type Measurement } from "./measure";
import { parseOptions } from "./options";
import { b8 } from "./reads";
import { b6 } from "./rebuild";
import { machine, markdownTable, toRows, writeReport } from "./report";
import { b1, b2, b3 } from "./writes";

const options = parseOptions(process.argv.slice(2), process.env);
const s = options.sizes;
const want = (...groups: string[]) => groups.some((g) => options.groups.includes(g as never));
const measurements: Measurement[] = [];
const add = (rows: Measurement[]) => {
  measurements.push(...rows);
  console.log(markdownTable(toRows(rows, s.b4Large)));
};
const about = machine(await serverVersion());
log(`${options.profile} profile, groups ${options.groups.join(" ")}, ${s.runs} runs, ${about.cores} cores`);

if (want("B1", "B2", "B3", "B4", "B7")) {
  const db = await throwawayDatabase();
  const systems = await openSystems(db.url, s.writers + 4);
  try {
    if (want("B1")) add(await b1(systems, s));
    if (want("B2")) add(await b2(systems, s));
    if (want("B3")) add(await b3(systems, s));
    if (want("B4")) add(await b4(systems, s));
    if (want("B7")) add(await b7(systems, s));
  } finally {
    await systems.close();
    await db.drop();
  }
}

if (want("B5", "B6")) {
  const { systems, events, loads } = await openLog(s, options.fresh);
  try {
    add(loads);
    if (want("B5")) add(await b5(systems, events, s));
  } finally {
    await systems.close();
  }
  if (want("B6")) add(await b6(systems.url, events, s));
}

if (want("B8")) add(await b8(s, options.fresh, options.profile === "quick"));
if (want("PGlite")) add(await embedded(s));

const rows = toRows(measurements, s.b4Large);
const notes = [
  "plain: one INSERT per append (many rows for a batch) on a minimal table whose unique (stream, version) index is its only check; loads SELECT the rows and fold them with the domain's evolve; B7's plain row is one INSERT per command, nothing read.",
  "emmett: getPostgreSQLEventStore → appendToStream with expectedStreamVersion, aggregateStream, readMessagesBatch for the log (B5), its consumer with a reactor (checkpoint stored per event, pulling 0 ms apart) and CommandHandler with a small seats decider and onVersionConflict retries (B7, no policies). Its own pool (pg's default 10 connections at most, like max).",
  "B4 folds a subscription stream with the domain's evolve in every system; Ledgerline's snapshot rows use the runtime's policy (subscription, every 25 events), plain's a snapshot row; Emmett has no snapshots.",
  "B5/B6 run on a kept log (the demo's generated customers and leads written through the handlers, then cloned); its set-up rows are from when it was built. B6 empties the read models' tables and checkpoints and lets the ProjectionRunner catch up from position 0, in a child process (peak RSS its own); Emmett and plain have no read models: their B5 log reads are the reference.",
  "B8 is scripts/bench-reads.ts (npm run bench:reads) in a child process; p95 per read.",
];
const md = writeReport(options.out, { machine: about, profile: options.profile, sizes: s, rows, notes });
console.log(`\n${md}`);
log(`written to ${options.out}/latest.json and latest.md`);
