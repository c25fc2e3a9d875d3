/**
 * B4: load and fold one subscription stream (10,000 and 100,000 events) with
 * the domain's own evolve: every system folding all of it, then Ledgerline
 * from its snapshot (the runtime's policy for subscriptions) and plain SQL
 * from a snapshot row, each with a short tail of events after it.
 */
import canonicalize from "canonicalize";
import { subscriptionDecider } from "@/lib/domain";
import type { Systems } from "./databases";
import { metadataFor, subscriptionEvents } from "./events";
import { interleaved, type Measurement, median, SYSTEMS, type System } from "./measure";
import { type BenchStore, type Fold, saveSnapshot } from "./stores";

export const subscriptionFold = subscriptionDecider as unknown as Fold<unknown>;
/** Events after the snapshot: fewer than the policy's 25, so loads do not take a new one. */
export const TAIL = 20;

/** Appends `count` events to a new stream, up to 500 per append. */
export async function fillStream(store: BenchStore, accountId: string, count: number, from = 0) {
  let version = from;
  while (version < from + count) {
    const batch = Math.min(500, from + count - version);
    version = await store.append(
      `subscription-${accountId}`,
      subscriptionEvents(accountId, version, batch),
      version,
      metadataFor(accountId),
    );
  }
  return version;
}

/** Milliseconds one load takes. */
async function timedLoad(load: () => Promise<unknown>) {
  const started = performance.now();
  const state = await load();
  return { ms: performance.now() - started, state };
}

type Loader = "plain" | "ledgerline" | "emmett" | "ledgerline (snapshot)" | "plain (snapshot)";

export async function b4(systems: Systems, s: { runs: number; b4Small: number; b4Large: number; b4Loads: number }) {
  const out: Measurement[] = [];
  for (const size of [s.b4Small, s.b4Large]) {
    const accountId = `b4-${size}`;
    const streamId = `subscription-${accountId}`;
    for (const system of SYSTEMS) await fillStream(systems[system], accountId, size);
    // (jsonb keeps keys in its own order: states are compared canonicalized.)
    // Ledgerline's load takes its snapshot at the head; the plain table gets the same state as a row.
    await systems.ledgerline.fold(streamId, subscriptionFold);
    await saveSnapshot(systems.plain.sql, streamId, size, await systems.plain.fold(streamId, subscriptionFold));
    for (const system of SYSTEMS) await fillStream(systems[system], accountId, TAIL, size);

    const loaders: Record<Loader, () => Promise<unknown>> = {
      plain: () => systems.plain.fold(streamId, subscriptionFold),
      ledgerline: () => systems.ledgerlineNoSnapshot.fold(streamId, subscriptionFold),
      emmett: () => systems.emmett.fold(streamId, subscriptionFold),
      "plain (snapshot)": () => systems.plain.snapshotFold(streamId, subscriptionFold),
      "ledgerline (snapshot)": () => systems.ledgerline.fold(streamId, subscriptionFold),
    };
    const states = new Map<Loader, string>();
    const keys = Object.keys(loaders) as Loader[];
    const samples = await interleaved(s.runs, keys, async (key) => {
      const times: number[] = [];
      for (let i = 0; i < s.b4Loads; i++) {
        const { ms, state } = await timedLoad(loaders[key]);
        times.push(ms);
        states.set(key, canonicalize(state)!);
      }
      return median(times);
    });
    const same = new Set(states.values()).size === 1;
    for (const key of keys) {
      const snapshot = key.endsWith("(snapshot)");
      out.push({
        id: "B4",
        what: `load and fold ${size + TAIL} events, ${snapshot ? `snapshot ${TAIL} events behind` : "no snapshot"}`,
        system: key.replace(" (snapshot)", "") as System,
        unit: "ms",
        better: "lower",
        samples: samples[key],
        extra: { sameStateAsOthers: same, loadsPerRun: s.b4Loads },
      });
    }
  }
  return out;
}
