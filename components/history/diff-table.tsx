import Link from "next/link";
import { fieldPath, fieldValue } from "@/components/ui/format";
import type { AggregateDiff, DiffCounts, FieldChange } from "@/lib/history/diff";

const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}`;

const STATUS = {
  added: { label: "new", className: "bg-emerald-100 text-emerald-800" },
  removed: { label: "gone", className: "bg-rose-100 text-rose-800" },
  changed: { label: "changed", className: "bg-amber-100 text-amber-800" },
  unchanged: { label: "unchanged", className: "bg-slate-100 text-slate-600" },
} as const;

const ROW = {
  added: "bg-emerald-50/60",
  removed: "bg-rose-50/60",
  changed: "bg-amber-50/60",
  unchanged: "text-slate-500",
} as const;

function cells(change: FieldChange, currency: string | null) {
  const field = change.path.at(-1);
  const show = (value: unknown) => fieldValue(field, value, currency);
  switch (change.kind) {
    case "added":
      return ["—", show(change.after)];
    case "removed":
      return [show(change.before), "—"];
    case "changed":
      return [show(change.before), show(change.after)];
    case "unchanged":
      return [show(change.value), show(change.value)];
  }
}

/**
 * Aggregates between two points, field by field: what was added, removed or
 * changed (money in the aggregate's currency, times in UTC), and, when asked,
 * what stayed the same.
 */
export function DiffTable({
  diffs,
  labels,
  showUnchanged = false,
  collapsible = true,
  counts,
  allHref,
}: {
  diffs: AggregateDiff[];
  labels: [string, string];
  showUnchanged?: boolean;
  /** False on paper: a closed <details> would not print. */
  collapsible?: boolean;
  /** How many aggregates of each status there are in all, when `diffs` may be only the first of them. */
  counts?: DiffCounts;
  /** Where all of them are shown, when `diffs` is only the first. */
  allHref?: string;
}) {
  const shown = diffs.filter((d) => showUnchanged || d.status !== "unchanged");
  if (shown.length === 0)
    return <p className="px-5 py-4 text-sm text-slate-600">Nothing changed between the two points.</p>;
  const total = counts
    ? counts.added + counts.removed + counts.changed + (showUnchanged ? counts.unchanged : 0)
    : shown.length;
  return (
    <div className="divide-y divide-slate-200">
      {counts ? (
        <p className="px-5 py-2 text-xs text-slate-600" data-testid="diff-counts">
          {count(counts.changed, "changed")}, {count(counts.added, "new")}, {count(counts.removed, "gone")},{" "}
          {count(counts.unchanged, "unchanged")}
          {total > shown.length ? (
            <>
              {` — showing the first ${shown.length.toLocaleString("en-US")}. `}
              {allHref ? (
                <Link href={allHref} className="text-indigo-700 hover:underline">
                  Show all {total.toLocaleString("en-US")}
                </Link>
              ) : null}
            </>
          ) : null}
        </p>
      ) : null}
      {shown.map((d) => {
        const fields = d.fields.filter((f) => showUnchanged || f.kind !== "unchanged");
        return (
          <section
            key={d.streamId}
            className="px-5 py-3"
            aria-label={`Changes to ${d.streamId}`}
            data-testid="aggregate-diff"
          >
            <h3 className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
              <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS[d.status].className}`}>
                {STATUS[d.status].label}
              </span>
              <Link href={`/streams/${d.streamId}`} className="font-mono hover:underline">
                {d.streamId}
              </Link>
              <span className="text-xs font-normal text-slate-500">
                v{d.fromVersion} → v{d.toVersion}
              </span>
            </h3>
            <p className="mt-0.5 text-sm text-slate-700">{d.summary}</p>
            {fields.length > 0 ? (
              <details open={!collapsible || d.status === "changed"}>
                <summary className="mt-1 cursor-pointer text-xs text-slate-500">
                  {fields.length} {fields.length === 1 ? "field" : "fields"}
                  {d.status === "added"
                    ? " (new since the first point)"
                    : d.status === "removed"
                      ? " (gone by the second point)"
                      : ""}
                </summary>
                <table className="mt-2 w-full table-fixed text-left text-xs">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="w-1/3 py-1 font-medium">Field</th>
                      <th className="w-1/3 py-1 font-medium">{labels[0]}</th>
                      <th className="w-1/3 py-1 font-medium">{labels[1]}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((f) => {
                      const [before, after] = cells(f, d.currency);
                      return (
                        <tr key={JSON.stringify(f.path)} className={ROW[f.kind]} data-kind={f.kind}>
                          <td className="py-1 pr-2 align-top text-slate-600">{fieldPath(f.path)}</td>
                          <td
                            className={`py-1 pr-2 align-top font-mono break-words ${f.kind === "changed" || f.kind === "removed" ? "line-through decoration-rose-400" : ""}`}
                          >
                            {before}
                          </td>
                          <td className="py-1 align-top font-mono break-words">{after}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </details>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
