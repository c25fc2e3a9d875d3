/**
 * B1, B4 and B6 on the embedded database (PGlite in this process, as
 * `npm start` without DATABASE_URL runs): Ledgerline's store on one PGlite,
 * plain SQL on another. Emmett has no PGlite driver. Smaller sizes than on
 * the server; B6's peak RSS is this whole process's.
 */
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "@/lib/db/migrate";
import { openEmbeddedDatabase } from "@/lib/db/open";
import { projections } from "@/lib/projections/registry";
import { loadLog, writeTemplatesOnScratch } from "./log";
import { fillStream, subscriptionFold, TAIL } from "./loads";
import { interleaved, log, type Measurement, median, peakRss } from "./measure";
import { rebuild } from "./rebuild";
import { ledgerlineStore, PLAIN_SCHEMA, plainStore, saveSnapshot, type Sql } from "./stores";
import { sequentialAppends } from "./writes";

export interface EmbeddedSizes {
  runs: number;
  b1Streams: number;
  b4Loads: number;
  b6BatchSize: number;
  logTemplates: number;
  pgliteB1Events: number;
  pgliteB4Events: number;
  pgliteLogEvents: number;
}

export async function openEmbedded() {
  const db = await openEmbeddedDatabase("memory://");
  await migrate(db);
  const pglite = await PGlite.create();
  for (const statement of PLAIN_SCHEMA) await pglite.query(statement);
  return {
    db,
    ledgerline: ledgerlineStore(db),
    ledgerlineNoSnapshot: ledgerlineStore(db, { snapshots: false }),
    plain: plainStore(pglite as unknown as Sql),
    async close() {
      await db.close();
      await pglite.close();
    },
  };
}

export async function embedded(s: EmbeddedSizes): Promise<Measurement[]> {
  const e = await openEmbedded();
  const out: Measurement[] = [];
  const row = (id: string, what: string, system: string, unit: string, better: "higher" | "lower", samples: number[]) =>
    out.push({ id, what, system, unit, better, samples });
  try {
    const keys = ["plain", "ledgerline"] as const;
    const b1What = `one event per append, ${s.b1Streams} streams, ${s.pgliteB1Events} events, expected version`;
    const b1 = await interleaved(s.runs, keys, (system, run) =>
      sequentialAppends(e[system], { events: s.pgliteB1Events, streams: s.b1Streams, batch: 1, tag: `pb1r${run}` }),
    );
    for (const system of keys) row("PGlite B1", b1What, system, "events/s", "higher", b1[system]);
    log(`PGlite B1 done; filling the B4 streams`);

    const accountId = "pb4";
    const streamId = `subscription-${accountId}`;
    for (const system of keys) await fillStream(e[system], accountId, s.pgliteB4Events);
    await e.ledgerline.fold(streamId, subscriptionFold);
    await saveSnapshot(e.plain.sql, streamId, s.pgliteB4Events, await e.plain.fold(streamId, subscriptionFold));
    for (const system of keys) await fillStream(e[system], accountId, TAIL, s.pgliteB4Events);
    const loads = {
      plain: () => e.plain.fold(streamId, subscriptionFold),
      ledgerline: () => e.ledgerlineNoSnapshot.fold(streamId, subscriptionFold),
      "plain (snapshot)": () => e.plain.snapshotFold(streamId, subscriptionFold),
      "ledgerline (snapshot)": () => e.ledgerline.fold(streamId, subscriptionFold),
    };
    const b4 = await interleaved(s.runs, Object.keys(loads) as (keyof typeof loads)[], async (key) => {
      const times: number[] = [];
      for (let i = 0; i < s.b4Loads; i++) {
        const started = performance.now();
        await loads[key]();
        times.push(performance.now() - started);
      }
      return median(times);
    });
    for (const [key, samples] of Object.entries(b4)) {
      const snapshot = key.endsWith("(snapshot)");
      const what = `load and fold ${s.pgliteB4Events + TAIL} events, ${snapshot ? `snapshot ${TAIL} events behind` : "no snapshot"}`;
      row("PGlite B4", what, key.replace(" (snapshot)", ""), "ms", "lower", samples);
    }

    if (s.pgliteLogEvents <= 0) return out;
    log(`PGlite B4 done; writing the log's templates on the server, then ${s.pgliteLogEvents} events into PGlite`);
    const templates = await writeTemplatesOnScratch(s.logTemplates);
    const loaded = await loadLog(e.ledgerline, templates, s.pgliteLogEvents, 1);
    log(`PGlite log loaded (${Math.round(loaded.rate)} events/s); rebuilding the read models`);
    const { result, peakMb } = await peakRss(() =>
      rebuild(e.db, { names: projections.map((p) => p.name), batchSize: s.b6BatchSize }),
    );
    out.push({
      id: "PGlite B6",
      what: `all ${projections.length} read models from ${loaded.events} events`,
      system: "ledgerline",
      unit: "events/s",
      better: "higher",
      samples: [result.rate],
      extra: {
        peakRssMb: Math.round(peakMb),
        note: "RSS of the whole bench process",
        loadRate: Math.round(loaded.rate),
      },
    });
  } finally {
    await e.close();
  }
  return out;
}
