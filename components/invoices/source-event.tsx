import Link from "next/link";
import { dateTimeSeconds } from "@/components/ui/format";
import type { SourceEvent } from "@/lib/queries/invoices";

/** An event an invoice refers to: linked to its raw page, with its type, who and when. */
export function SourceEventLink({ source }: { source: SourceEvent }) {
  const { entry } = source;
  if (!entry) {
    return (
      <span className="text-xs text-slate-500" title={source.eventId}>
        event <span className="font-mono">{source.eventId.slice(0, 8)}…</span> (not in the timeline yet)
      </span>
    );
  }
  return (
    <span className="text-xs text-slate-600">
      <Link
        href={`/accounts/${entry.accountId}/events/${entry.position}`}
        className="font-mono text-indigo-700 hover:underline"
        title={entry.sentence}
      >
        {entry.type} #{entry.position}
      </Link>{" "}
      by {entry.actorLabel}, {dateTimeSeconds(entry.occurredAt)}
    </span>
  );
}
