/**
 * B6: every read model built again from the log, through the projection
 * runner (the engine's own catch-up, from emptied tables and no checkpoint),
 * all together and each alone. Each rebuild runs in a child process
 * (rebuild-child.ts) so its peak RSS is its own.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { openServerDatabase } from "@/lib/db/open";
import { projections } from "@/lib/projections/registry";
import { ProjectionRunner } from "@/lib/projections/runner";
import { createRuntime } from "@/lib/server/runtime";
import type { Database } from "@/lib/db/types";
import { log, type Measurement } from "./measure";

export interface RebuildResult {
  events: number;
  seconds: number;
  rate: number;
  peakRssMb?: number;
  maxRssMb?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Empties the read models' tables and forgets their checkpoints: the runner starts them from position 0. */
async function reset(db: Database, names: string[]) {
  for (const projection of projections.filter((p) => names.includes(p.name))) {
    await db.prisma.$executeRawUnsafe(`TRUNCATE ${projection.tables.map((t) => `"${t}"`).join(", ")}`);
  }
  await db.prisma.$executeRawUnsafe(`DELETE FROM projection_checkpoints WHERE name = ANY($1)`, names);
}

/** Rebuilds the named read models on the database at `url` up to the `limit`-th event in the log's order. */
export async function rebuild(
  db: Database,
  { names, batchSize, limit }: { names: string[]; batchSize: number; limit?: number },
): Promise<RebuildResult> {
  const runtime = createRuntime(db);
  await reset(db, names);
  const [count] = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM events`);
  const events = Math.min(Number(count!.n), limit ?? Number(count!.n));
  const [target] = await db.prisma.$queryRawUnsafe<{ xid: string; position: bigint }[]>(
    `SELECT transaction_id::text AS xid, global_position AS position FROM events
     ORDER BY transaction_id, global_position OFFSET $1 LIMIT 1`,
    events - 1,
  );
  const selected = projections.filter((p) => names.includes(p.name));
  const runner = new ProjectionRunner(runtime, selected, { batchSize, pollMs: 20, log: () => undefined });
  const started = performance.now();
  await runner.start();
  // Done when every checkpoint is at or past the target in the log's order (transaction id, position).
  // On a long log a read model is built in shadow tables (ensureCheckpoint): its progress is
  // rebuild_position until the swap. Part of the log counts the shadow's progress; the whole log waits
  // for the swap (its indexes included).
  const partial = events < Number(count!.n);
  for (;;) {
    const [row] = await db.prisma.$queryRawUnsafe<{ done: bigint }[]>(
      `SELECT count(*) AS done FROM projection_checkpoints c
       JOIN events e ON e.global_position =
         CASE WHEN c.status = 'rebuilding' AND $4 THEN coalesce(c.rebuild_position, 0) ELSE c.position END
       WHERE c.name = ANY($1) AND (c.status <> 'rebuilding' OR $4)
         AND (e.transaction_id, e.global_position) >= ($2::xid8, $3::bigint)`,
      names,
      target!.xid,
      target!.position,
      partial,
    );
    if (Number(row!.done) >= names.length) break;
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  return { events, seconds, rate: events / seconds };
}

/** One rebuild in a child process; returns its result with the child's peak RSS. */
export function rebuildInChild(args: { url: string; names: string[]; batchSize: number; limit?: number }) {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(
    process.execPath,
    [tsx, path.join(import.meta.dirname, "rebuild-child.ts"), JSON.stringify(args)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<RebuildResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`rebuild child exited with ${code}: ${output}`));
      else resolve(JSON.parse(line.slice("RESULT ".length)) as RebuildResult);
    });
  });
}

export async function b6(
  url: string,
  events: number,
  s: { b6BatchSize: number; b6Events: number; b6AloneEvents: number; b6Runs: number },
) {
  const all = projections.map((p) => p.name);
  const out: Measurement[] = [];
  const cases: [string, string[], number | undefined][] = [
    s.b6Events < events
      ? [`all ${all.length} read models, first ${s.b6Events} of ${events} events`, all, s.b6Events]
      : [`all ${all.length} read models from ${events} events`, all, undefined],
    ...all.map((name): [string, string[], number] => [
      `${name} alone, first ${Math.min(events, s.b6AloneEvents)} events`,
      [name],
      s.b6AloneEvents,
    ]),
  ];
  for (const [what, names, limit] of cases) {
    // One run each: a rebuild of the big log takes minutes (--b6-runs asks for more).
    const runs: RebuildResult[] = [];
    for (let run = 0; run < s.b6Runs; run++)
      runs.push(await rebuildInChild({ url, names, batchSize: s.b6BatchSize, limit }));
    log(`B6 ${what}: ${Math.round(runs[0]!.rate)} events/s, peak RSS ${Math.round(runs[0]!.peakRssMb ?? 0)} MB`);
    out.push({
      id: "B6",
      what,
      system: "ledgerline",
      unit: "events/s",
      better: "higher",
      samples: runs.map((r) => r.rate),
      extra: {
        peakRssMb: Math.round(Math.max(...runs.map((r) => r.peakRssMb ?? 0))),
        maxRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssMb ?? 0))),
        seconds: Number(runs[0]!.seconds.toFixed(1)),
        batchSize: s.b6BatchSize,
      },
    });
  }
  return out;
}

export async function rebuildHere(url: string, args: { names: string[]; batchSize: number; limit?: number }) {
  const db = openServerDatabase(url, 8);
  try {
    return await rebuild(db, args);
  } finally {
    await db.close();
  }
}
