/**
 * `npx tsx scripts/bench-projections.ts`: how fast every read model is built
 * from position 0, and the process's peak RSS meanwhile. Builds a synthetic
 * log once (BENCH_PROJECTION_EVENTS events, default 100,000; decided by the
 * domain's deciders, written through the store) in a database it keeps
 * (`ledgerline_bench_projections_<events>`; BENCH_FRESH=1 writes it again),
 * then times two runs: catching up from an empty read model (the runner on
 * fresh checkpoints), and a rebuild in shadow tables (what an admin's
 * rebuild or a version bump does). rebuildAllFrom0 and rebuildAllInShadow are
 * exported for `npm run bench`.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/types";
import { projectionAdmin } from "@/lib/projections/admin";
import { projections } from "@/lib/projections/registry";
import { ProjectionRunner, type RunnerOptions } from "@/lib/projections/runner";
import { accountStory, SyntheticLog } from "@/lib/projections/testing/synthetic-log";
import { mergeStories, writeAppend } from "@/lib/projections/testing/write-synthetic";
import { Random } from "@/lib/seed/random";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { adminQuery, databaseUrl } from "@/lib/testing/databases";

export interface BuildFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
  /** The JavaScript heap in use at the RSS peak's sample. */
  heapAtPeakMb: number;
  /** CPU seconds this process used, and the database's backends (on a shared machine, steadier than time). */
  nodeCpuSeconds: number;
  postgresCpuSeconds: number;
}

/** CPU seconds of each backend serving this database, from /proc (PostgreSQL on this machine). */
async function backendCpu(db: Database, seen: Map<number, number>) {
  const pids = await db.prisma.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      seen.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone, or not on this machine
    }
  }
}

/** Samples the process's RSS every 50 ms while `fn` runs, and the CPU this process and the database used. */
async function measured(db: Database, events: number, fn: () => Promise<void>): Promise<BuildFigures> {
  let peak = 0;
  let heap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > peak) [peak, heap] = [rss, heapUsed];
  };
  sample();
  const timer = setInterval(sample, 50);
  const before = new Map<number, number>();
  const after = new Map<number, number>();
  await backendCpu(db, before);
  const cpuTimer = setInterval(() => void backendCpu(db, after), 500);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
    clearInterval(cpuTimer);
  }
  const used = process.cpuUsage(cpu);
  await backendCpu(db, after);
  const postgresCpuSeconds = [...after].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0);
  const seconds = (performance.now() - started) / 1000;
  sample();
  return {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    peakRssMb: peak / 2 ** 20,
    heapAtPeakMb: heap / 2 ** 20,
    nodeCpuSeconds: (used.user + used.system) / 1e6,
    postgresCpuSeconds,
  };
}

async function lastPosition(db: Database) {
  const [last] = await db.prisma.$queryRaw<{ position: bigint; n: bigint }[]>`
    SELECT (SELECT global_position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1) AS position,
      (SELECT count(*) FROM events) AS n`;
  return { position: Number(last?.position ?? 0), count: Number(last?.n ?? 0) };
}

/** Runs the read models until every one is live at the log's last event (and rebuilt since `since`, if given). */
async function runUntilLive(runtime: Runtime, options: RunnerOptions, since?: Date) {
  const { position } = await lastPosition(runtime.db);
  // Routine lines stay quiet; errors (a failed swap, a lost lease) are shown.
  const log = (line: string) => /error|fail|lost|stopped/i.test(line) && console.error(line);
  const runner = new ProjectionRunner(runtime, projections, { pollMs: 250, log, ...options });
  await runner.start();
  try {
    for (;;) {
      const live = await runtime.db.prisma.projectionCheckpoint.count({
        where: {
          name: { in: projections.map((p) => p.name) },
          position: { gte: position },
          status: "running",
          rebuildRequested: false,
          ...(since ? { rebuiltAt: { gte: since } } : {}),
        },
      });
      if (live === projections.length) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await runner.stop();
    const { read, shared, waits } = runner.pageStats;
    console.log(`  pages read ${read}, shared ${shared}, waits ${waits}`);
  }
}

/** Empties every read model and its checkpoint, then times the runner catching up from position 0. */
export async function rebuildAllFrom0(db: Database, options: RunnerOptions = {}): Promise<BuildFigures> {
  for (const table of projections.flatMap((p) => p.tables)) await db.prisma.$executeRawUnsafe(`TRUNCATE "${table}"`);
  const names = projections.map((p) => p.name);
  await db.prisma.$executeRaw`DELETE FROM projection_checkpoints WHERE name = ANY(${names}::text[])`;
  await db.prisma.$executeRaw`DELETE FROM projection_throughput WHERE projection = ANY(${names}::text[])`;
  const runtime = createRuntime(db);
  return measured(db, (await lastPosition(db)).count, () => runUntilLive(runtime, options));
}

/** Asks for a rebuild of every read model and times it, shadow tables to swap (run after rebuildAllFrom0). */
export async function rebuildAllInShadow(db: Database, options: RunnerOptions = {}): Promise<BuildFigures> {
  const runtime = createRuntime(db);
  const admin = projectionAdmin(runtime, projections);
  const [{ now }] = (await db.prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`) as [{ now: Date }];
  for (const p of projections) await admin.rebuild(p.name, "benchmark");
  return measured(db, (await lastPosition(db)).count, () => runUntilLive(runtime, options, now));
}

/**
 * Writes about `events` events: accounts of 30 to 3,000 events over three
 * years, generated and written a few hundred accounts at a time (memory stays
 * small), interleaved within each chunk, `writers` appends at once.
 */
export async function writeSyntheticLog(runtime: Runtime, events: number, writers = 8) {
  const log = new SyntheticLog(new Random(20261212));
  let total = 0;
  for (let i = 0; total < events;) {
    const stories = [];
    for (let chunk = 0; chunk < 20_000 && total < events; i++) {
      const busy = log.random.chance(0.05) ? 40 : log.random.int(2, 10);
      const story = accountStory(log, `a${i}`, new Date(Date.UTC(2024, 0, 1 + (i % 365))), 1095, { activity: busy });
      const size = story.reduce((n, a) => n + a.events.length, 0);
      chunk += size;
      total += size;
      stories.push(story);
    }
    const appends = mergeStories(stories, () => log.random.next());
    // One writer per account (by hash), so each account's appends keep their order.
    const queues = Array.from({ length: writers }, () => [] as typeof appends);
    for (const a of appends) queues[hash(a.accountId) % writers]!.push(a);
    await Promise.all(
      queues.map(async (queue) => {
        for (const a of queue) await writeAppend(runtime.store, a);
      }),
    );
    console.log(`  written ${total} events`);
  }
  return total;
}

const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

async function main() {
  const events = Number(process.env.BENCH_PROJECTION_EVENTS ?? 100_000);
  const name = `ledgerline_bench_projections_${events}`;
  const exists = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (exists.length > 0 && process.env.BENCH_FRESH === "1") await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`);
  if (exists.length === 0 || process.env.BENCH_FRESH === "1") await adminQuery(`CREATE DATABASE ${name}`);
  const db = openServerDatabase(databaseUrl(name), 12);
  try {
    await migrate(db);
    const runtime = createRuntime(db);
    if ((await lastPosition(db)).count === 0) {
      const started = performance.now();
      const written = await writeSyntheticLog(runtime, events);
      console.log(`wrote ${written} events in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    await db.prisma.$executeRawUnsafe("VACUUM ANALYZE events");
    const batchSize = process.env.PROJECTOR_BATCH_SIZE ? Number(process.env.PROJECTOR_BATCH_SIZE) : undefined;
    const options = batchSize ? { batchSize } : {};
    const only = process.env.BENCH_ONLY; // "catch-up" or "shadow"
    const rows: [string, BuildFigures][] = [];
    if (only !== "shadow") rows.push(["read models from position 0 (catch-up)", await rebuildAllFrom0(db, options)]);
    if (only !== "catch-up") rows.push(["rebuild in shadow tables, then swap", await rebuildAllInShadow(db, options)]);
    console.log(`\n${projections.length} read models, ${new Date().toISOString()}\n`);
    console.log(
      "| what | events | seconds | events/s | peak RSS MB | JS heap then MB | Node CPU s | PostgreSQL CPU s |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const [what, f] of rows) {
      console.log(
        `| ${what} | ${f.events} | ${f.seconds.toFixed(1)} | ${Math.round(f.eventsPerSecond)} | ${Math.round(f.peakRssMb)} | ${Math.round(f.heapAtPeakMb)} | ${f.nodeCpuSeconds.toFixed(1)} | ${f.postgresCpuSeconds.toFixed(1)} |`,
      );
    }
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
