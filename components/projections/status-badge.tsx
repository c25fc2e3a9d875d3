import { words } from "@/components/ui/format";
import type { ProjectionHealth } from "@/lib/projections/health";

const STATUS_STYLE: Record<ProjectionHealth["status"], string> = {
  running: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  catching_up: "bg-sky-50 text-sky-700 ring-sky-200",
  stale: "bg-amber-50 text-amber-700 ring-amber-200",
  rebuilding: "bg-violet-50 text-violet-700 ring-violet-200",
  failed: "bg-rose-50 text-rose-700 ring-rose-200",
  paused: "bg-slate-100 text-slate-600 ring-slate-200",
  not_started: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** A projection's status as a coloured pill (the overview and the console). */
export function StatusBadge({ status, testId }: { status: ProjectionHealth["status"]; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}
    >
      {words(status)}
    </span>
  );
}
