import { notFound } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { AxisSelect } from "@/components/history/axis-select";
import { DiffTable } from "@/components/history/diff-table";
import { HeaderChanges } from "@/components/history/header-changes";
import { pointLabel } from "@/components/history/as-of-banner";
import { TimelineView } from "@/components/timeline/timeline-view";
import { pageAddress } from "@/lib/auth/return-path";
import { routeId } from "@/lib/queries/params";
import { requireViewer } from "@/lib/auth/session";
import { pointParam } from "@/lib/history/points";
import { AGGREGATES_SHOWN, readBetween } from "@/lib/queries/compare";

type Props = {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Compare · ${(await params).accountId}` };
}

const input = "w-64 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none";

/** An account between two points: every aggregate field by field, and the events that made the difference. */
export default async function ComparePage({ params, searchParams }: Props) {
  const accountId = routeId((await params).accountId);
  if (accountId === null) notFound();
  const query = await searchParams;
  await requireViewer("read", pageAddress(`/accounts/${accountId}/compare`, query));
  const showUnchanged = query.unchanged === "show";
  const allAggregates = query.aggregates === "all";
  const between = await readBetween(accountId, query, {
    unchanged: showUnchanged,
    aggregates: allAggregates ? Number.POSITIVE_INFINITY : AGGREGATES_SHOWN,
  });
  const { from, to } = between;
  const fromLabel = from ? `at ${pointLabel(from)}` : "before its first event";
  const toLabel = to ? `at ${pointLabel(to)}` : "now";
  const axis = from?.kind === "time" ? from.axis : to?.kind === "time" ? to.axis : undefined;
  const here = new URLSearchParams(
    Object.entries({ from: from && pointParam(from), to: to && pointParam(to), axis }).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    ),
  );
  if (showUnchanged) here.set("unchanged", "show");
  const toggle = new URLSearchParams(here);
  if (showUnchanged) toggle.delete("unchanged");
  else toggle.set("unchanged", "show");
  if (allAggregates) toggle.set("aggregates", "all");
  const all = new URLSearchParams(here);
  all.set("aggregates", "all");
  const currency = between.toAt.header.currency ?? between.fromAt.header.currency;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/accounts/${accountId}`} className="text-sm text-indigo-700 hover:underline">
          ← {between.toAt.header.name ?? accountId}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">
          Compare {fromLabel} with {toLabel}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Every aggregate of the account folded from the event log at both points, field by field; the events in between
          are listed below.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-xs" aria-label="Points to compare">
        <label className="space-y-1">
          <span className="block font-medium text-slate-600">From (position or ISO time; empty: the beginning)</span>
          <input name="from" defaultValue={from ? pointParam(from) : ""} placeholder="12" className={input} />
        </label>
        <label className="space-y-1">
          <span className="block font-medium text-slate-600">To (empty: now)</span>
          <input
            name="to"
            defaultValue={to ? pointParam(to) : ""}
            placeholder="2026-06-01T00:00:00Z"
            className={input}
          />
        </label>
        <AxisSelect defaultValue={axis} />
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Compare
        </button>
      </form>
      {between.problems.length > 0 ? (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
          {between.problems.map((p) => `${p.path} ${p.message}`).join("; ")}.
        </p>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Headline">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">Headline figures</h2>
        <HeaderChanges changes={between.headerChanges} currency={currency} labels={[fromLabel, toLabel]} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Field-by-field changes">
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 className="text-sm font-semibold text-slate-900">Every aggregate, field by field</h2>
          <Link href={`?${toggle.toString()}`} className="text-xs text-indigo-700 hover:underline">
            {showUnchanged ? "Hide unchanged fields" : "Show unchanged fields too"}
          </Link>
        </div>
        <DiffTable
          diffs={between.diffs}
          labels={[fromLabel, toLabel]}
          showUnchanged={showUnchanged}
          counts={between.diffCounts}
          allHref={`?${all.toString()}`}
        />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Events between">
        <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
          {between.eventCount === 1 ? "The event" : `The ${between.eventCount.toLocaleString("en-US")} events`} between
          the two points, oldest first
          {between.eventCount > between.events.length ? ` (the first ${between.events.length})` : ""}
        </h2>
        {between.events.length > 0 ? (
          <TimelineView entries={between.events} currency={currency} view="flat" />
        ) : (
          <p className="px-5 py-6 text-sm text-slate-600">No events between these two points.</p>
        )}
      </section>
    </div>
  );
}
