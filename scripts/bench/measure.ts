/** What a workload reports, and the helpers that time it: interleaved runs, writers in parallel. */
export type System = "ledgerline" | "plain" | "emmett";
export const SYSTEMS: readonly System[] = ["plain", "ledgerline", "emmett"];

export interface Measurement {
  /** B1 … B8, or "PGlite B1" etc. */
  id: string;
  /** What was measured, e.g. "one event per append, 100 streams, 5,000 events". */
  what: string;
  /** A store and, where it matters, how it was used: "ledgerline", "ledgerline (snapshot)". */
  system: string;
  unit: string;
  /** Higher is better (a rate) or lower is (a time). */
  better: "higher" | "lower";
  /** One per run; the row shows their median. */
  samples: number[];
  /** The plain row to compare with, when it is not the one with the same `what`. */
  against?: string;
  /** Anything else worth keeping (conflicts, peak RSS, p95 …). */
  extra?: Record<string, number | string | boolean>;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** Seconds `fn` takes. */
export async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

/**
 * Runs `fn` for every system `runs` times, interleaved (each run in a rotated
 * order), so a noisy moment of the machine hits every system alike.
 */
export async function interleaved<K extends string>(
  runs: number,
  keys: readonly K[],
  fn: (key: K, run: number) => Promise<number>,
): Promise<Record<K, number[]>> {
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let run = 0; run < runs; run++) {
    const order = keys.map((_, i) => keys[(i + run) % keys.length]!);
    for (const key of order) samples[key].push(await fn(key, run));
  }
  return samples;
}

/** `writers` workers taking items 0 … total-1 in turn. */
export async function inParallel(writers: number, total: number, worker: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) await worker(next++);
    }),
  );
}

/** The highest resident set size seen while `fn` runs (sampled every 50 ms), in MB. */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export const log = (message: string) => console.log(`[bench] ${message}`);
