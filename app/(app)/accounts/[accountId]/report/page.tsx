import { notFound } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { pointLabel } from "@/components/history/as-of-banner";
import { DiffTable } from "@/components/history/diff-table";
import { HeaderChanges } from "@/components/history/header-changes";
import { PrintButton } from "@/components/history/print-button";
import { ReportEvents } from "@/components/history/report-events";
import { dateTimeSeconds } from "@/components/ui/format";
import { pageAddress } from "@/lib/auth/return-path";
import { routeId } from "@/lib/queries/params";
import { requireViewer } from "@/lib/auth/session";
import { pointParam } from "@/lib/history/points";
import { readBetween } from "@/lib/queries/compare";

type Props = {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Dispute report · ${(await params).accountId}` };
}

/** The events a report lists in full; beyond it, the CSV export has them all. */
const REPORT_EVENTS = 500;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h2 className="border-b border-slate-300 pb-1 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A printable dispute report for a period: the account, its state at the start
 * and the end, what changed field by field, and every event in between with
 * who, when, why and its ids. Prints cleanly to PDF from the browser.
 */
export default async function ReportPage({ params, searchParams }: Props) {
  const accountId = routeId((await params).accountId);
  if (accountId === null) notFound();
  const query = await searchParams;
  const viewer = await requireViewer("read", pageAddress(`/accounts/${accountId}/report`, query));
  const between = await readBetween(accountId, query, {
    limit: REPORT_EVENTS,
    unchanged: true,
    aggregates: Number.POSITIVE_INFINITY,
  });
  const { from, to, fromAt, toAt } = between;
  const name = toAt.header.name ?? fromAt.header.name ?? accountId;
  const start = from ? pointLabel(from) : "the account's first event";
  const end = to ? pointLabel(to) : "now";
  const currency = toAt.header.currency ?? fromAt.header.currency;
  return (
    <article className="mx-auto max-w-4xl space-y-6 bg-white p-8 shadow-sm print:max-w-none print:p-0 print:shadow-none">
      <header className="space-y-1">
        <div className="flex items-start justify-between gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">Dispute report: {name}</h1>
          <PrintButton />
        </div>
        <p className="text-sm text-slate-700">
          Account <span className="font-mono">{accountId}</span> · period from {start} to {end}
        </p>
        <p className="text-xs text-slate-500">
          Prepared by {viewer.name} on {dateTimeSeconds(new Date().toISOString())} from Ledgerline&apos;s event log.
          Every figure is folded from the recorded events; each event&apos;s hash can be re-checked with the
          account&apos;s evidence bundle.
        </p>
        {between.problems.length > 0 ? (
          <p role="alert" className="text-sm text-rose-700">
            {between.problems.map((p) => `${p.path} ${p.message}`).join("; ")}.
          </p>
        ) : null}
        <form method="get" className="flex flex-wrap items-end gap-2 pt-2 text-xs print:hidden" aria-label="Period">
          <label>
            From{" "}
            <input
              name="from"
              defaultValue={from ? pointParam(from) : ""}
              placeholder="position or ISO time"
              className="ml-1 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <label>
            To{" "}
            <input
              name="to"
              defaultValue={to ? pointParam(to) : ""}
              placeholder="empty: now"
              className="ml-1 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1">
            Change period
          </button>
          <Link href={`/accounts/${accountId}`} className="ml-auto text-indigo-700 underline">
            Back to the account
          </Link>
        </form>
      </header>
      <Section title="State at the start and at the end">
        <HeaderChanges changes={between.headerChanges} currency={currency} labels={[`At ${start}`, `At ${end}`]} />
      </Section>
      <Section title="What changed, field by field">
        <DiffTable diffs={between.diffs} labels={[`At ${start}`, `At ${end}`]} collapsible={false} />
      </Section>
      <Section
        title={`Events in the period (${between.eventCount.toLocaleString("en-US")}${between.eventCount > between.events.length ? `, the first ${between.events.length} listed; the CSV export has them all` : ""})`}
      >
        {between.events.length > 0 ? (
          <ReportEvents entries={between.events} />
        ) : (
          <p className="text-sm text-slate-600">No events in this period.</p>
        )}
      </Section>
    </article>
  );
}
