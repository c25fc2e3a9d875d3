import Link from "next/link";
import { dateTimeSeconds } from "@/components/ui/format";
import { diffAggregates } from "@/lib/history/diff";
import { type HistoryPoint, pointParam } from "@/lib/history/points";
import type { TimeTravel } from "@/lib/queries/accounts";
import { AxisSelect } from "./axis-select";
import { DiffTable } from "./diff-table";

/** "event #1234", "2026-03-01 12:00:00 UTC as recorded". */
export function pointLabel(point: HistoryPoint): string {
  if (point.kind === "position") return `event #${point.position}`;
  return `${dateTimeSeconds(point.time.toISOString())}, as ${point.axis}`;
}

const AXIS_MEANING = {
  recorded: "what Ledgerline had recorded by then",
  effective: "what was true then, counting facts recorded later but backdated to before it",
} as const;

/**
 * The page shows the past: say so at the top, how to get back to now, and,
 * when facts were backdated across this time, that "as recorded" and "as
 * effective" differ (with the difference).
 */
export function AsOfBanner({
  accountId,
  travel,
  viewHref,
}: {
  accountId: string;
  travel: TimeTravel;
  /** The page's own view (filters, layout) with some parameters changed. */
  viewHref: (change: Record<string, string | undefined>) => string;
}) {
  const { point, other } = travel;
  const meaning =
    point.kind === "position" ? "the log as it stood once this event was recorded" : AXIS_MEANING[point.axis];
  return (
    <section
      role="status"
      aria-label="Time travel"
      className="space-y-2 rounded-lg border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>
          <span className="font-semibold">As of {pointLabel(point)}</span>: {meaning}. Everything on this page is as it
          was then.
        </p>
        <div className="flex gap-3 print:hidden">
          <Link
            href={`/accounts/${accountId}/compare?from=${encodeURIComponent(pointParam(point))}${point.kind === "time" ? `&axis=${point.axis}` : ""}`}
            className="text-violet-800 underline"
          >
            Compare with now
          </Link>
          <Link href={viewHref({ at: undefined, axis: undefined })} className="font-medium text-violet-800 underline">
            Back to now
          </Link>
        </div>
      </div>
      {other ? (
        <details className="rounded border border-violet-200 bg-white/60 p-2">
          <summary className="cursor-pointer text-violet-900">
            Recorded and effective differ at this time: some facts were recorded later but backdated to before it.{" "}
            <Link
              href={viewHref({
                at: pointParam(other.point),
                axis: other.point.kind === "time" ? other.point.axis : undefined,
              })}
              className="underline"
            >
              Show as {other.point.kind === "time" ? other.point.axis : ""}
            </Link>
          </summary>
          <div className="mt-2 rounded bg-white">
            <DiffTable
              diffs={diffAggregates(other.at.aggregates, travel.at.aggregates).diffs}
              labels={[
                `as ${other.point.kind === "time" ? other.point.axis : ""}`,
                `as ${point.kind === "time" ? point.axis : ""}`,
              ]}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}

/** Go to a point: a position or a time, on either axis (a plain GET form; the URL keeps the point). */
export function TimeTravelForm({
  accountId,
  travel,
  keep,
}: {
  accountId: string;
  travel: TimeTravel | null;
  /** The view's other parameters (filters, layout), carried through the form. */
  keep: Record<string, string>;
}) {
  const value = travel ? pointParam(travel.point) : "";
  const axis = travel?.point.kind === "time" ? travel.point.axis : "effective";
  return (
    <form
      action={`/accounts/${accountId}`}
      method="get"
      className="flex flex-wrap items-end gap-2 text-xs print:hidden"
      aria-label="Time travel"
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="space-y-1">
        <span className="block font-medium text-slate-600">See the account as of (position or ISO time)</span>
        <input
          name="at"
          defaultValue={value}
          required
          placeholder="1234 or 2026-03-01T12:00:00Z"
          className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none"
        />
      </label>
      <AxisSelect defaultValue={axis} />
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
      >
        Go
      </button>
    </form>
  );
}
