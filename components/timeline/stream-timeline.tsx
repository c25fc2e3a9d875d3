import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import type { TimelinePage } from "@/lib/timeline/entry";
import { TimelineView } from "./timeline-view";

/**
 * One stream's own timeline (an invoice's, a lead's) as a section: every event
 * newest first, paged with "Older events →" by the timeline's cursor, and a
 * link to the stored stream behind it.
 */
export function StreamTimeline({
  title,
  streamId,
  page,
  pathname,
  paged,
  currency,
}: {
  title: string;
  streamId: string;
  page: TimelinePage;
  /** The page the section sits on; its `cursor` parameter pages the timeline. */
  pathname: string;
  /** True when this is an older page (a cursor is in the URL). */
  paged: boolean;
  currency: string | null;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Timeline">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <Link href={`/streams/${streamId}`} className="font-mono text-xs text-indigo-700 hover:underline">
          stored stream {streamId} →
        </Link>
      </div>
      {page.entries.length > 0 ? (
        <TimelineView entries={page.entries} currency={currency} view="flat" />
      ) : (
        <p className="px-5 py-8 text-center text-sm text-slate-500">
          {paged ? "No older events." : "The timeline has no events of it yet (the read model is catching up)."}
        </p>
      )}
      <Pager
        newest={paged ? pathname : null}
        older={page.nextCursor !== null ? `${pathname}?cursor=${page.nextCursor}` : null}
      />
    </section>
  );
}
