import { dateTimeSeconds } from "@/components/ui/format";
import type { TimelineEntry } from "@/lib/timeline/entry";

/** The period's events for paper: every fact a dispute needs, nothing to click. */
export function ReportEvents({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="divide-y divide-slate-200 text-sm" aria-label="Events in the period">
      {entries.map((e) => (
        <li key={e.position} className="break-inside-avoid py-2" data-testid="report-event">
          <p className="font-medium text-slate-900">{e.sentence}</p>
          <p className="text-xs text-slate-600">
            {dateTimeSeconds(e.occurredAt)}
            {e.occurredAt.slice(0, 19) !== e.recordedAt.slice(0, 19)
              ? ` (recorded ${dateTimeSeconds(e.recordedAt)})`
              : ""}{" "}
            · {e.actorLabel} via {e.source} · {e.type} · {e.streamId} v{e.version} · position {e.position} · app{" "}
            {e.appVersion}
          </p>
          {e.reason ? <p className="text-xs text-slate-800">Reason: {e.reason}</p> : null}
          <p className="font-mono text-[10px] break-all text-slate-500">
            event {e.eventId} · request {e.requestId}
            {e.correlationId !== e.requestId ? ` · correlation ${e.correlationId}` : ""}
            {e.replays ? ` · sent ${e.replays.sent} times, applied once` : ""}
            {e.compensates ? ` · compensates event ${e.compensates.eventId}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
