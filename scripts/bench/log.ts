/**
 * The big log (B5, B6): the realistic history of history.ts, cloned until it
 * holds `logEvents` events, appended whole streams at a time (up to 500
 * events an append) by several writers into all three systems, in a
 * database kept between runs (`--fresh` rebuilds it). B5 then reads it all in
 * global order.
 */
import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import { createRuntime } from "@/lib/server/runtime";
import { keptDatabase, openSystems, type Systems, throwawayDatabase } from "./databases";
import { type AccountHistory, cloneAccount, eventsIn, writeTemplates } from "./history";
import { interleaved, log, type Measurement, seconds, SYSTEMS, type System } from "./measure";
import type { BenchStore } from "./stores";

/** Bump when the generated history changes: kept logs of another version are rebuilt. */
const GENERATOR = 1;
const MAX_APPEND = 500;

export interface LogSizes {
  runs: number;
  writers: number;
  logEvents: number;
  logTemplates: number;
}

export async function appendAccount(store: BenchStore, account: AccountHistory) {
  for (const stream of account.streams) {
    for (let i = 0; i < stream.events.length; i += MAX_APPEND) {
      const chunk = stream.events.slice(i, i + MAX_APPEND);
      await store.append(stream.streamId, chunk, i, chunk[0]!.metadata);
    }
  }
}

/** Every copy of every template, in order, until the copies hold `events` events. */
export function clonePlan(templates: AccountHistory[], events: number) {
  const plan: [copy: number, template: number][] = [];
  let total = 0;
  for (let copy = 0; total < events; copy++) {
    for (let t = 0; t < templates.length && total < events; t++) {
      plan.push([copy, t]);
      total += eventsIn(templates[t]!);
    }
  }
  return { plan, total };
}

/** Appends the cloned history to one system with `writers` writers; returns events/s. */
export async function loadLog(store: BenchStore, templates: AccountHistory[], events: number, writers: number) {
  const { plan, total } = clonePlan(templates, events);
  let next = 0;
  const elapsed = await seconds(() =>
    Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < plan.length) {
          const [copy, t] = plan[next++]!;
          await appendAccount(store, cloneAccount(templates[t]!, copy));
        }
      }),
    ),
  );
  return { events: total, rate: total / elapsed };
}

export async function writeTemplatesOnScratch(templates: number) {
  const scratch = await throwawayDatabase("ledgerline_bench_tpl");
  const db = openServerDatabase(scratch.url, 8);
  try {
    await migrate(db);
    return await writeTemplates(createRuntime(db), templates);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

/** The kept log database, built first if missing, of another size or generator, or unfinished. */
export async function openLog(s: LogSizes, fresh: boolean, name = `ledgerline_bench_log_${s.logEvents}`) {
  let kept = await keptDatabase(name, fresh);
  let systems = await openSystems(kept.url, s.writers + 4);
  const meta = async () => {
    await systems.plainPool.query("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)");
    const { rows } = await systems.plainPool.query("SELECT value FROM bench_meta WHERE key = 'log'");
    return rows[0]?.value as { generator: number; events: number; loads: Measurement[] } | undefined;
  };
  const existing = await meta();
  if (existing?.generator === GENERATOR)
    return { systems, events: existing.events, loads: existing.loads, built: false };
  if (!kept.created) {
    await systems.close();
    kept = await keptDatabase(name, true);
    systems = await openSystems(kept.url, s.writers + 4);
    await meta();
  }
  log(`building the ${s.logEvents}-event log in ${name} (kept for later runs)`);
  const templates = await writeTemplatesOnScratch(s.logTemplates);
  const loads: Measurement[] = [];
  let events = 0;
  for (const system of SYSTEMS) {
    const result = await loadLog(systems[system], templates, s.logEvents, s.writers);
    events = result.events;
    log(`${system}: ${result.events} events at ${Math.round(result.rate)}/s`);
    loads.push({
      id: "B5",
      what: `set-up: ${events} events appended whole streams (≤ ${MAX_APPEND} an append), ${s.writers} writers`,
      system,
      unit: "events/s",
      better: "higher",
      samples: [result.rate],
      extra: { runs: "1 (set-up, when the log was built)" },
    });
  }
  // This machine's cluster runs without autovacuum: statistics and visibility as production would have them.
  await systems.plainPool.query("VACUUM ANALYZE");
  await systems.plainPool.query("INSERT INTO bench_meta (key, value) VALUES ('log', $1)", [
    { generator: GENERATOR, events, templates: templates.length, loads },
  ]);
  return { systems, events, loads, built: true };
}

/** Emmett's consumer: a reactor from the beginning, `limit` events, its checkpoint stored per event as it does. */
export async function emmettConsumerRead(systems: Systems, pageSize: number, limit: number, run: number) {
  const consumer = systems.emmett.store.consumer({
    stopWhen: { noMessagesLeft: true },
    pulling: { batchSize: pageSize, pullingFrequencyInMs: 0 },
  });
  let count = 0;
  consumer.reactor({
    processorId: `bench-read-${Date.now()}-${run}`,
    startFrom: "BEGINNING",
    eachMessage: async () => {
      count++;
    },
    stopAfter: () => count >= limit,
  });
  const elapsed = await seconds(() => consumer.start());
  await consumer.stop();
  return count / elapsed;
}

/**
 * Waits until no committed event is held behind the read horizon: it is
 * cluster-wide, so any open transaction on the server (another test's) holds
 * back what Ledgerline's and Emmett's readers see, and a read would end early.
 */
export async function settle(systems: Systems, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await systems.runtime.store.readHorizon()).waitingEvents > 0 || (await emmettWaiting(systems)) > 0) {
    if (Date.now() > deadline) throw new Error("events stayed behind the read horizon: a transaction is open");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Emmett's messages its own reader cannot see yet (the same cluster-wide horizon as Ledgerline's). */
async function emmettWaiting(systems: Systems) {
  const { rows: table } = await systems.plainPool.query("SELECT to_regclass('emt_messages') IS NOT NULL AS present");
  if (!table[0]!.present) return 0;
  const { rows } = await systems.plainPool.query(
    "SELECT count(*) AS n FROM emt_messages WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())",
  );
  return Number(rows[0]!.n);
}

export async function b5(
  systems: Systems,
  events: number,
  s: LogSizes & { b5PageSize: number; b5EmmettEvents: number },
) {
  type Reader = System | "emmett (consumer)";
  const readers: Reader[] = [...SYSTEMS, "emmett (consumer)"];
  const short: string[] = [];
  const emmettEvents = Math.min(events, s.b5EmmettEvents);
  const all = `read all ${events} events in global order, pages of ${s.b5PageSize}`;
  const samples = await interleaved(s.runs, readers, async (reader, run) => {
    await settle(systems);
    if (reader === "emmett (consumer)") return emmettConsumerRead(systems, s.b5PageSize, emmettEvents, run);
    const limit = reader === "emmett" ? emmettEvents : events;
    let read = 0;
    const elapsed = await seconds(async () => (read = await systems[reader].readAll(s.b5PageSize, limit)));
    if (read < limit) short.push(`${reader} read ${read}`);
    return read / elapsed;
  });
  const whatOf = (reader: Reader) =>
    reader === "emmett (consumer)"
      ? `read the first ${emmettEvents} of ${events} events through a consumer (checkpoint per event)`
      : reader === "emmett" && emmettEvents < events
        ? `read the first ${emmettEvents} of ${events} events in global order, pages of ${s.b5PageSize}`
        : all;
  return readers.map((reader): Measurement => ({
    id: "B5",
    what: whatOf(reader),
    against: all,
    system: reader,
    unit: "events/s",
    better: "higher",
    samples: samples[reader],
    extra: short.length > 0 ? { shortReads: short.join("; ") } : undefined,
  }));
}
