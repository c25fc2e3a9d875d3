/** The table: each row's median, its ratio against plain PostgreSQL, its target; and the JSON and markdown files. */
import { execSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Measurement, median } from "./measure";

export interface Row extends Measurement {
  median: number;
  min: number;
  max: number;
  /** Against plain PostgreSQL on the same workload, higher is better (a rate's ratio, a time's inverse). */
  vsPlain: number | null;
  target: string | null;
  met: boolean | null;
}

/** The issue's targets, for Ledgerline's rows. */
function targetOf(m: Measurement, value: number, ratio: number | null, largeB4: boolean): [string, boolean] | null {
  if (m.system !== "ledgerline") return null;
  const atLeast = (r: number) => [`≥ ${r}× plain`, ratio !== null && ratio >= r] as [string, boolean];
  switch (m.id) {
    case "B1":
    case "B2":
    case "B3":
      return atLeast(0.8);
    case "B4":
      if (m.what.includes("snapshot") && !m.what.includes("no snapshot")) {
        return largeB4 ? ["< 20 ms", value < 20] : null;
      }
      return [`within 1.3× of plain (≥ 0.77×)`, ratio !== null && ratio >= 1 / 1.3];
    case "B5":
      return m.what.startsWith("set-up") ? null : atLeast(0.7);
    case "B6": {
      const rss = Number(m.extra?.peakRssMb ?? 0);
      return ["≥ 20,000 events/s, RSS < 400 MB", value >= 20_000 && rss < 400];
    }
    case "B7":
      return atLeast(0.6);
    case "B8":
      return ["p95 < 150 ms", value < 150];
    default:
      return null;
  }
}

export function toRows(measurements: Measurement[], b4Large: number): Row[] {
  return measurements.map((m) => {
    const value = median(m.samples);
    const what = m.against ?? m.what;
    const plain = measurements.find((p) => p.id === m.id && p.what === what && p.system === "plain");
    const base = plain ? median(plain.samples) : null;
    const ratio = base === null || m === plain ? null : m.better === "higher" ? value / base : base / value;
    const target = targetOf(m, value, ratio, m.what.includes(`${b4Large + 20} events`));
    return {
      ...m,
      median: value,
      min: Math.min(...m.samples),
      max: Math.max(...m.samples),
      vsPlain: ratio,
      target: target?.[0] ?? null,
      met: target?.[1] ?? null,
    };
  });
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const extraText = (extra: Measurement["extra"]) =>
  extra
    ? Object.entries(extra)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")
    : "";

export function markdownTable(rows: Row[]): string {
  const lines = [
    "| | workload | system | median | unit | runs: min–max (n) | vs plain | target | notes |",
    "| --- | --- | --- | ---: | --- | --- | ---: | --- | --- |",
  ];
  for (const r of rows) {
    const verdict = r.met === null ? "" : r.met ? " ✓" : " ✗";
    lines.push(
      `| ${r.id} | ${r.what} | ${r.system} | ${fmt(r.median)} | ${r.unit} | ${fmt(r.min)}–${fmt(r.max)} (${r.samples.length}) | ${
        r.vsPlain === null ? "" : `${r.vsPlain.toFixed(2)}×`
      } | ${r.target ? r.target + verdict : ""} | ${extraText(r.extra)} |`,
    );
  }
  return lines.join("\n");
}

export function machine(pgVersion: string) {
  const git = (cmd: string) => {
    try {
      return execSync(`git ${cmd}`, { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim();
    } catch {
      return "unknown";
    }
  };
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(path.join("node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  return {
    date: new Date().toISOString(),
    commit: `${git("rev-parse --short HEAD")}${git("status --porcelain") ? " (with local changes)" : ""}`,
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
    postgres: pgVersion,
    emmett: `@event-driven-io/emmett-postgresql ${version("@event-driven-io/emmett-postgresql")}`,
  };
}

export function writeReport(
  dir: string,
  report: { machine: ReturnType<typeof machine>; profile: string; sizes: object; rows: Row[]; notes: string[] },
) {
  mkdirSync(dir, { recursive: true });
  const m = report.machine;
  const md = [
    `# Ledgerline benchmark, ${m.date} (${report.profile})`,
    "",
    `Commit ${m.commit}; ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, load ${m.loadAverage.join(" ")}; Node ${m.node}; PostgreSQL ${m.postgres}; ${m.emmett}.`,
    'Medians of interleaved runs; "vs plain" is against plain PostgreSQL on the same workload (higher is better).',
    "",
    markdownTable(report.rows),
    "",
    ...report.notes.map((n) => `- ${n}`),
    "",
    `Sizes: ${JSON.stringify(report.sizes)}`,
    "",
  ].join("\n");
  const stamp = m.date.replace(/[:.]/g, "-");
  for (const name of ["latest", stamp]) {
    writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(report, null, 2));
    writeFileSync(path.join(dir, `${name}.md`), md);
  }
  return md;
}
