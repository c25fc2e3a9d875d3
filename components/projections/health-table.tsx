import type { HorizonHealth, ProjectionHealth } from "@/lib/projections/health";
import { StatusBadge } from "./status-badge";

function detail(h: ProjectionHealth): string {
  if (h.status === "failed" && h.failedEvent) {
    return `Stopped on ${h.failedEvent.type} at position ${h.failedEvent.position}: ${h.lastError ?? "unknown error"}`;
  }
  if (h.rebuild?.startedAt) {
    const eta = h.rebuild.etaSeconds === null ? "" : `, about ${h.rebuild.etaSeconds} s left`;
    return `Rebuilding: ${h.rebuild.processed.toLocaleString("en-US")} of ${h.rebuild.total.toLocaleString("en-US")} events${eta}`;
  }
  if (h.status === "stale") return h.rebuild?.reason ?? "Waiting for a rebuild";
  if (h.status === "paused") return `Paused by an admin (POST /api/projections/${h.name}/resume)`;
  if (h.skippedEvents > 0) return `${h.skippedEvents} event(s) skipped by an admin`;
  return "";
}

/** One row per projection: how far it got, how far behind it is, and why if it stopped. */
export function ProjectionHealthTable({ health, horizon }: { health: ProjectionHealth[]; horizon: HorizonHealth }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Projections">
      <div className="border-b border-slate-200 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Projections</h2>
        <p className="text-xs text-slate-500">
          Read models built from the log. The horizon is at position {horizon.safePosition} of {horizon.headPosition}.
        </p>
      </div>
      {horizon.warning ? (
        <p role="alert" className="border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-800">
          {horizon.warning}
        </p>
      ) : null}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-5 py-2 font-medium">Projection</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 text-right font-medium">Checkpoint</th>
            <th className="px-3 py-2 text-right font-medium">Behind</th>
            <th className="px-3 py-2 text-right font-medium">Events/s</th>
            <th className="px-5 py-2 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {health.map((h) => (
            <tr key={h.name}>
              <td className="px-5 py-2 font-mono text-xs text-slate-800">
                {h.name} <span className="text-slate-400">v{h.version}</span>
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={h.status} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{h.checkpoint.toLocaleString("en-US")}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {h.lagEvents === 0
                  ? "—"
                  : `${h.lagEvents.toLocaleString("en-US")}${h.lagCapped ? "+" : ""} (${h.lagSeconds} s)`}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{h.throughput.toFixed(1)}</td>
              <td className="px-5 py-2 text-xs text-slate-600">{detail(h)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
