/**
 * The benchmark's sizes: defaults (`npm run bench`), a `--quick` profile for
 * trying it out, each overridable by a flag (`--b1-events=2000`) or the
 * environment (`BENCH_B1_EVENTS=2000`). `--only=B1,B4` and `--skip=B8` pick
 * workload groups; `--fresh` rebuilds the kept databases.
 */
export const GROUPS = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "PGlite"] as const;
export type Group = (typeof GROUPS)[number];

const DEFAULTS = {
  runs: 3,
  writers: 8,
  b1Events: 5_000,
  b1Streams: 100,
  b2Events: 50_000,
  b2Batch: 10,
  b3Events: 10_000,
  b3Streams: 200,
  b3Seconds: 2,
  b4Small: 10_000,
  b4Large: 100_000,
  b4Loads: 5,
  logEvents: 1_000_000,
  logTemplates: 60,
  b5PageSize: 500,
  /**
   * Emmett 0.42's messages table has no index for its global order: every page scans and sorts the
   * table, so on a big log it reads only its first this many events (and its consumer as many).
   */
  b5EmmettEvents: 50_000,
  b6BatchSize: 500,
  b6Runs: 1,
  /** The combined rebuild stops after this many events of the log (all of it by default). */
  b6Events: 1_000_000,
  b6AloneEvents: 1_000_000,
  b7Commands: 2_000,
  b7OneStream: 500,
  b7Accounts: 200,
  b8Events: 100_000,
  b8Samples: 25,
  pgliteB1Events: 1_000,
  pgliteB4Events: 10_000,
  pgliteLogEvents: 5_000,
};
export type Sizes = typeof DEFAULTS;

const QUICK: Partial<Sizes> = {
  b1Events: 300,
  b1Streams: 20,
  b2Events: 2_000,
  b3Events: 400,
  b3Streams: 40,
  b3Seconds: 0.5,
  b4Small: 1_000,
  b4Large: 5_000,
  b4Loads: 3,
  logEvents: 5_000,
  logTemplates: 12,
  b5EmmettEvents: 5_000,
  b6Events: 5_000,
  b6AloneEvents: 2_000,
  b7Commands: 100,
  b7OneStream: 50,
  b7Accounts: 20,
  b8Events: 2_000,
  b8Samples: 5,
  pgliteB1Events: 200,
  pgliteB4Events: 1_000,
  pgliteLogEvents: 2_000,
};

export interface Options {
  profile: "default" | "quick";
  sizes: Sizes;
  groups: Group[];
  fresh: boolean;
  out: string;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
const snake = (key: string) => kebab(key).replace(/-/g, "_").toUpperCase();

export function parseOptions(argv: string[], env: Record<string, string | undefined>): Options {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`bench: unknown argument ${arg}`);
    flags.set(match[1]!, match[2] ?? "true");
  }
  const quick = flags.has("quick") || env.BENCH_QUICK === "1";
  const sizes = { ...DEFAULTS, ...(quick ? QUICK : {}) };
  for (const key of Object.keys(DEFAULTS) as (keyof Sizes)[]) {
    const raw = flags.get(kebab(key)) ?? env[`BENCH_${snake(key)}`];
    if (raw === undefined) continue;
    const value = Number(raw.replace(/_/g, ""));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`bench: --${kebab(key)} must be a positive number`);
    sizes[key] = value;
  }
  const list = (raw: string | undefined) =>
    raw ? raw.split(",").map((g) => GROUPS.find((known) => known.toLowerCase() === g.trim().toLowerCase())) : [];
  const only = list(flags.get("only") ?? env.BENCH_ONLY);
  const skip = list(flags.get("skip") ?? env.BENCH_SKIP);
  if ([...only, ...skip].includes(undefined)) throw new Error(`bench: groups are ${GROUPS.join(", ")}`);
  const groups = (only.length > 0 ? (only as Group[]) : [...GROUPS]).filter((g) => !skip.includes(g));
  for (const known of flags.keys()) {
    const ok = ["quick", "only", "skip", "fresh", "out"].includes(known);
    if (!ok && !Object.keys(DEFAULTS).some((key) => kebab(key) === known)) {
      throw new Error(`bench: unknown flag --${known}`);
    }
  }
  return {
    profile: quick ? "quick" : "default",
    sizes,
    groups,
    fresh: flags.has("fresh") || env.BENCH_FRESH === "1",
    out: flags.get("out") ?? env.BENCH_OUT ?? "bench-results",
  };
}
