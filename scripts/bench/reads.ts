/**
 * B8: the support desk's reads on a 100,000-event account (the timeline's
 * first page, a page 50,000 deep, the account as of the middle of its
 * history, …) with 8 concurrent readers while a writer appends: runs
 * scripts/bench-reads.ts (`npm run bench:reads`) in a child process, which
 * keeps its account in its own database between runs.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Measurement } from "./measure";

interface ReadsResult {
  events: number;
  readers: number;
  written: number;
  results: { what: string; p50: number; p95: number; samples: number }[];
}

export async function b8(s: { writers: number; b8Events: number; b8Samples: number }, fresh: boolean, quick: boolean) {
  const json = path.join(os.tmpdir(), `ledgerline-bench-reads-${process.pid}.json`);
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const script = path.join(import.meta.dirname, "..", "bench-reads.ts");
  const env = {
    ...process.env,
    BENCH_LARGE_EVENTS: String(s.b8Events),
    BENCH_READERS: String(s.writers),
    BENCH_SAMPLES: String(s.b8Samples),
    BENCH_READS_DB: quick ? "ledgerline_bench_reads_quick" : "ledgerline_bench_reads",
    BENCH_FRESH: fresh ? "1" : "0",
    BENCH_JSON: json,
  };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, script], { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`bench-reads exited with ${code}`))));
  });
  const result = JSON.parse(readFileSync(json, "utf8")) as ReadsResult;
  rmSync(json, { force: true });
  return result.results.map((r): Measurement => ({
    id: "B8",
    what: `${r.what} (${result.events}-event account, ${result.readers} readers, a writer appending)`,
    system: "ledgerline",
    unit: "ms p95",
    better: "lower",
    samples: [r.p95],
    extra: { p50: Math.round(r.p50), p95: Math.round(r.p95), reads: r.samples, writerCommands: result.written },
  }));
}
