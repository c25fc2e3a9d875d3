import Link from "next/link";
import type { ProjectionAction } from "@/lib/projections/admin";
import type { ThroughputPoint } from "@/lib/projections/throughput";
import type { ConsoleProjection } from "@/lib/queries/projection-console";
import { OperationButton } from "./operation-button";
import { ProgressBar } from "./progress-bar";
import { ThroughputChart } from "./throughput-chart";
import { StatusBadge } from "../status-badge";

const n = (value: number) => value.toLocaleString("en-US");

/** One projection: where it is, how far behind, how fast, what stopped it, and (for admins) what to do. */
export function ProjectionRow({
  health: h,
  throughput,
  canOperate,
}: {
  health: ConsoleProjection;
  throughput: ThroughputPoint[];
  canOperate: boolean;
}) {
  const rebuilding = h.rebuild?.startedAt ? h.rebuild : null;
  const actions = canOperate ? actionsFor(h) : [];
  return (
    <li aria-label={`Projection ${h.name}`} className="space-y-3 px-5 py-4">
      <div className="flex flex-wrap items-start gap-x-8 gap-y-3">
        <div className="min-w-48">
          <div className="font-mono text-sm text-slate-900">{h.name}</div>
          <div className="mt-1 flex items-center gap-2 text-xs text-slate-500">
            <StatusBadge status={h.status} testId="projection-status" />
            <span>
              v{h.version}
              {h.storedVersion !== null && h.storedVersion !== h.version
                ? ` (tables built by v${h.storedVersion})`
                : ""}
            </span>
          </div>
        </div>
        <dl className="grid w-96 grid-cols-3 gap-x-6 text-xs">
          <dt className="text-slate-500">Checkpoint / head</dt>
          <dt className="text-slate-500">Behind</dt>
          <dt className="text-slate-500">Now</dt>
          <dd className="font-mono text-slate-800 tabular-nums">
            {n(h.checkpoint)} / {n(h.head)}
          </dd>
          <dd className="text-slate-800 tabular-nums">
            {h.lagEvents === 0
              ? "caught up"
              : `${n(h.lagEvents)}${h.lagCapped ? "+" : ""} event${h.lagEvents === 1 ? "" : "s"} · ${h.lagSeconds} s`}
          </dd>
          <dd className="text-slate-800 tabular-nums">{h.throughput.toFixed(1)} events/s</dd>
        </dl>
        <ThroughputChart name={h.name} points={throughput} />
        {actions.length > 0 ? (
          <div className="ml-auto flex max-w-sm flex-wrap justify-end gap-2">
            {actions.map((action) => (
              <OperationButton key={action} projection={h.name} action={action} />
            ))}
          </div>
        ) : null}
      </div>
      {h.status === "failed" && h.failedEvent ? (
        <div role="alert" className="rounded border border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800">
          Stopped on{" "}
          {h.failedStreamId ? (
            <Link href={`/streams/${encodeURIComponent(h.failedStreamId)}`} className="font-medium underline">
              {h.failedEvent.type} at position {h.failedEvent.position} ({h.failedStreamId})
            </Link>
          ) : (
            `${h.failedEvent.type} at position ${h.failedEvent.position}`
          )}
          : <span className="font-mono">{h.lastError ?? "unknown error"}</span>
        </div>
      ) : null}
      {rebuilding ? (
        <ProgressBar
          label={`Rebuild of ${h.name}`}
          done={rebuilding.processed}
          total={rebuilding.total}
          unit="events"
          rate={rebuilding.rate}
          etaSeconds={rebuilding.etaSeconds}
        />
      ) : null}
      {h.status === "stale" ? (
        <p className="text-xs text-amber-700">Rebuild requested{h.rebuild?.reason ? `: ${h.rebuild.reason}` : ""}.</p>
      ) : null}
      {h.skippedEvents > 0 || h.rebuiltAt ? (
        <p className="text-xs text-slate-500">
          {h.skippedEvents > 0 ? `${h.skippedEvents} event(s) skipped by an admin. ` : ""}
          {h.rebuiltAt ? `Last rebuilt ${h.rebuiltAt.slice(0, 19).replace("T", " ")} UTC.` : ""}
        </p>
      ) : null}
    </li>
  );
}

/** What an admin may do to it now: the engine refuses the rest anyway. */
function actionsFor(h: ConsoleProjection): ProjectionAction[] {
  const rebuildable = h.rebuildable && h.status !== "rebuilding" && h.status !== "stale";
  switch (h.status) {
    case "failed":
      return rebuildable ? ["retry", "skip", "rebuild"] : ["retry", "skip"];
    case "paused":
      return rebuildable ? ["resume", "rebuild"] : ["resume"];
    case "running":
    case "catching_up":
      return rebuildable ? ["pause", "rebuild"] : ["pause"];
    default:
      return [];
  }
}
