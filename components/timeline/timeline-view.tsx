import type { TimelineEntry } from "@/lib/timeline/entry";
import { groupByCommand } from "@/lib/timeline/groups";
import { LocalTime } from "./local-time";
import { type AtHref, type FilterHref, TimelineEntryView } from "./timeline-entry";

interface Props {
  entries: TimelineEntry[];
  currency: string | null;
  /** Grouped: the events one command appended (and what our policies appended because of them) fold into one line. */
  view: "grouped" | "flat";
  filterHref?: FilterHref;
  atHref?: AtHref;
  /** The viewer may issue corrections: entries offer "Supersede". */
  canSupersede?: boolean;
}

/** A timeline's entries, one after another or folded by the command that appended them. */
export function TimelineView({ entries, currency, view, filterHref = null, atHref, canSupersede = false }: Props) {
  const entry = (e: TimelineEntry) => (
    <TimelineEntryView
      key={e.position}
      entry={e}
      currency={currency}
      filterHref={filterHref}
      atHref={atHref}
      canSupersede={canSupersede}
    />
  );
  if (view === "flat") return <ol className="divide-y divide-slate-100">{entries.map(entry)}</ol>;
  return (
    <ol className="divide-y divide-slate-100">
      {groupByCommand(entries).map((group) =>
        group.entries.length === 1 ? (
          entry(group.entries[0]!)
        ) : (
          <li key={`group-${group.entries[0]!.position}`} data-testid="command-group">
            <details className="group">
              <summary className="flex cursor-pointer list-none items-start justify-between gap-4 px-5 py-3 hover:bg-slate-50">
                <span className="text-sm">
                  <span className="mr-1.5 inline-block text-slate-400 transition group-open:rotate-90">▸</span>
                  <span className="font-medium text-slate-900">{group.title}</span>
                  <span className="text-slate-600">
                    :{" "}
                    {group.entries
                      .map((e) => e.type)
                      .reverse()
                      .join(", ")}
                  </span>
                </span>
                <span className="shrink-0 text-xs text-slate-500">
                  {group.entries.length} events · <LocalTime iso={group.entries.at(-1)!.occurredAt} />
                </span>
              </summary>
              <ol className="divide-y divide-slate-100 border-l-2 border-indigo-100 bg-slate-50/50 ml-5">
                {group.entries.map(entry)}
              </ol>
            </details>
          </li>
        ),
      )}
    </ol>
  );
}
