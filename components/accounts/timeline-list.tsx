import Link from "next/link";
import type { TimelineEntry } from "@/lib/projections/account-timeline/queries";
import { dateTime, moneyOrDash, words } from "@/components/ui/format";

const MONEY_FIELDS = new Set(["charged", "credited", "paid", "refunded", "balance", "unitPrice"]);

function fieldValue(field: string, value: unknown, currency: string | null): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number" && MONEY_FIELDS.has(field)) return moneyOrDash(value, currency);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return dateTime(value);
  return String(value);
}

// A field that did not exist before the event (a new invoice's "paid") has no "before" worth showing.
const isUnset = (value: unknown) => value === null || value === undefined || value === "none";

/** When it happened; a backdated correction also says when it was recorded. */
function when(entry: TimelineEntry): string {
  const occurred = dateTime(entry.occurredAt);
  const recorded = dateTime(entry.recordedAt);
  return occurred === recorded ? occurred : `${occurred} (recorded ${recorded})`;
}

/** An account's history as sentences, with the key fields each event changed and the raw event a click away. */
export function TimelineList({
  accountId,
  entries,
  currency,
}: {
  accountId: string;
  entries: TimelineEntry[];
  currency: string | null;
}) {
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((entry) => {
        const changes = Object.entries(entry.changes).filter(
          ([, c]) => !(isUnset(c.old) && (c.new === 0 || isUnset(c.new))),
        );
        return (
          <li key={entry.position} className="px-5 py-3" data-testid="timeline-entry">
            <div className="flex items-start justify-between gap-4">
              <p className="text-sm font-medium text-slate-900">{entry.summary}</p>
              <Link
                href={`/accounts/${accountId}/events/${entry.position}`}
                className="shrink-0 text-xs text-indigo-700 hover:underline"
              >
                Raw event
              </Link>
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              {when(entry)} · {entry.actorLabel} · via {entry.source} ·{" "}
              <span className="font-mono">
                {entry.type} · {entry.streamId} v{entry.version}
              </span>
            </p>
            {entry.reason ? <p className="mt-1 text-xs text-slate-700">Reason: {entry.reason}</p> : null}
            {changes.length > 0 ? (
              <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-0.5 text-xs" aria-label="Changes">
                {changes.map(([field, change]) => (
                  <li key={field}>
                    <span className="text-slate-500">{words(field)}</span>{" "}
                    {isUnset(change.old) ? null : (
                      <>
                        <span className="font-mono text-slate-400 line-through">
                          {fieldValue(field, change.old, currency)}
                        </span>
                        {" → "}
                      </>
                    )}
                    <span className="font-mono text-slate-800">{fieldValue(field, change.new, currency)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
