import type { LeadStage } from "@/lib/domain";

const STYLE: Partial<Record<LeadStage, string>> = {
  converted: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  disqualified: "bg-rose-50 text-rose-800 ring-rose-200",
  qualified: "bg-indigo-50 text-indigo-800 ring-indigo-200",
};

/** Where a lead is in the pipeline. */
export function LeadStageBadge({ stage }: { stage: LeadStage }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLE[stage] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`}
    >
      {stage}
    </span>
  );
}
