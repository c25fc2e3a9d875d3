import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { notFound } from "next/navigation";
import { AccountHeader } from "@/components/accounts/account-header";
import { CorrectionsPanel } from "@/components/corrections/corrections-panel";
import { EvidenceLink } from "@/components/accounts/evidence-link";
import { InvoiceList } from "@/components/invoices/invoice-list";
import { PendingBanner } from "@/components/accounts/pending-banner";
import { NewEvents } from "@/components/live/new-events";
import { AggregateList } from "@/components/history/aggregate-list";
import { AsOfBanner, TimeTravelForm } from "@/components/history/as-of-banner";
import { FILTER_LABELS, FilterBar, FilterChips, filterText } from "@/components/timeline/filter-bar";
import { viewHref, type ViewState } from "@/components/timeline/hrefs";
import { TimelineView } from "@/components/timeline/timeline-view";
import { ErasePersonalDataForm } from "@/components/corrections/erase-personal-data-form";
import { ERASED_VALUE as ERASED } from "@/lib/domain/shared/personal-data";
import { can } from "@/lib/auth/permissions";
import { pageAddress } from "@/lib/auth/return-path";
import { routeId } from "@/lib/queries/params";
import { requireViewer } from "@/lib/auth/session";
import { pointParam } from "@/lib/history/points";
import { aggregatesShown } from "@/lib/history/aggregates-shown";
import { type AccountPage as Page, readAccountPage } from "@/lib/queries/accounts";
import { filterParams } from "@/lib/timeline/filters";
import { correctionsFor } from "@/lib/corrections/catalog";

type Props = {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Account ${(await params).accountId}` };
}

const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

function EmptyTimeline({ page, pathname, state }: { page: Page; pathname: string; state: ViewState }) {
  const active = Object.entries(page.filters).filter(([name]) => name !== "cursor");
  if (active.length === 0) {
    return <p className="px-5 py-8 text-center text-sm text-slate-500">No events here.</p>;
  }
  return (
    <div className="space-y-2 px-5 py-8 text-center text-sm text-slate-600" role="status">
      <p>
        No events match{" "}
        {active
          .map(
            ([name, value]) =>
              `${FILTER_LABELS[name as keyof typeof FILTER_LABELS]} ${filterText(name as never, value)}`,
          )
          .join(" and ")}
        {page.travel ? " at this point in time" : ""}.
      </p>
      {page.culprits.length > 0 ? (
        <ul className="space-y-1">
          {page.culprits.map((c) => (
            <li key={c.name}>
              Without the {FILTER_LABELS[c.name as keyof typeof FILTER_LABELS]} filter,{" "}
              <Link href={viewHref(pathname, state, { [c.name]: undefined })} className="text-indigo-700 underline">
                {c.withoutIt} {c.withoutIt === 1 ? "event matches" : "events match"}
              </Link>
              .
            </li>
          ))}
        </ul>
      ) : (
        <p>The filters together exclude everything; no single one is the cause.</p>
      )}
    </div>
  );
}

export default async function AccountPage({ params, searchParams }: Props) {
  const accountId = routeId((await params).accountId);
  if (accountId === null) notFound();
  const query = await searchParams;
  const viewer = await requireViewer("read", pageAddress(`/accounts/${accountId}`, query));
  const page = await readAccountPage(accountId, query);
  if (!page) notFound();
  const { header, timeline, travel } = page;
  const pathname = `/accounts/${accountId}`;
  const state: ViewState = {
    filters: page.filters,
    view: page.view,
    at: travel ? pointParam(travel.point) : undefined,
    axis: travel?.point.kind === "time" ? travel.point.axis : undefined,
  };
  const filterQuery = new URLSearchParams(filterParams({ ...page.filters, cursor: undefined })).toString();
  // The report covers the period the date filters name (all of the account's history without them).
  const { from: reportFrom, to: reportTo } = filterParams({ from: page.filters.from, to: page.filters.to });
  const reportQuery = new URLSearchParams(
    Object.entries({ from: reportFrom, to: reportTo }).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  const currency = header?.currency ?? null;
  return (
    <div className="space-y-6">
      <AccountHeader accountId={accountId} header={header} projecting={!travel && page.pending.summary > 0}>
        <Link href={`${pathname}/compare`} className={button}>
          Compare two points
        </Link>
        <Link href={`${pathname}/report${reportQuery ? `?${reportQuery}` : ""}`} className={button}>
          Dispute report
        </Link>
        {can(viewer.role, "export") ? (
          <>
            <a
              href={`/api/accounts/${accountId}/export?format=csv${filterQuery ? `&${filterQuery}` : ""}`}
              className={button}
            >
              Export CSV
            </a>
            <a
              href={`/api/accounts/${accountId}/export?format=json${filterQuery ? `&${filterQuery}` : ""}`}
              className={button}
            >
              Export JSON
            </a>
            <EvidenceLink accountId={accountId} />
          </>
        ) : null}
      </AccountHeader>
      {travel ? (
        <AsOfBanner accountId={accountId} travel={travel} viewHref={(change) => viewHref(pathname, state, change)} />
      ) : page.filters.cursor === undefined ? (
        // The first page, now: new events and the read models' lag show live. A past point stays fixed.
        <NewEvents
          accountId={accountId}
          after={page.newestPosition}
          filters={filterQuery}
          initialPending={page.pending}
        />
      ) : (
        <PendingBanner pending={page.pending} />
      )}
      {page.problems.length > 0 ? (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
          Left out of this view: {page.problems.map((p) => `${p.path} ${p.message}`).join("; ")}.
        </p>
      ) : null}
      <TimeTravelForm
        accountId={accountId}
        travel={travel}
        keep={{
          ...filterParams({ ...page.filters, cursor: undefined }),
          ...(page.view === "flat" ? { view: "flat" } : {}),
        }}
      />
      {!travel && can(viewer.role, "command") ? (
        <CorrectionsPanel title="Correct this account" targetId={accountId} corrections={correctionsFor("account")} />
      ) : null}
      {/* (Once erased, the name reads [erased]: nothing is left to erase.) */}
      {!travel &&
      header?.accountStatus === "closed" &&
      header.name !== ERASED &&
      can(viewer.role, "corrective-command") ? (
        <ErasePersonalDataForm accountId={accountId} name={header.name} />
      ) : null}
      {travel ? null : <InvoiceList accountId={accountId} />}
      {travel ? (
        <section
          id="aggregates"
          className="rounded-lg border border-slate-200 bg-white shadow-sm"
          aria-label="State at this point"
        >
          <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
            Every aggregate of the account at this point
          </h2>
          <AggregateList
            aggregates={query.aggregates === "all" ? travel.at.aggregates : aggregatesShown(travel.at.aggregates)}
            total={travel.at.aggregates.length}
            allHref={`${viewHref(pathname, state, { aggregates: "all" })}#aggregates`}
          />
        </section>
      ) : null}
      <section id="timeline" className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Timeline">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <h2 className="text-sm font-semibold text-slate-900">
            {travel ? "Timeline up to this point, newest first" : "Timeline, newest first"}
          </h2>
          <nav aria-label="Show events" className="flex gap-1 text-xs">
            {(["grouped", "flat"] as const).map((view) => (
              <Link
                key={view}
                href={viewHref(pathname, { ...state, view }, {})}
                aria-current={page.view === view ? "page" : undefined}
                className={`rounded-full px-2.5 py-1 ${page.view === view ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
              >
                {view === "grouped" ? "Grouped by command" : "Every event"}
              </Link>
            ))}
          </nav>
        </div>
        <FilterBar pathname={pathname} state={state} />
        <FilterChips pathname={pathname} state={state} />
        {timeline.entries.length > 0 ? (
          <TimelineView
            entries={timeline.entries}
            currency={currency}
            view={page.view}
            filterHref={(name, value) =>
              viewHref(pathname, { ...state, filters: { ...page.filters, [name]: undefined } }, { [name]: value })
            }
            atHref={(position) => viewHref(pathname, state, { at: String(position), axis: undefined })}
            canSupersede={!travel && can(viewer.role, "corrective-command")}
          />
        ) : (
          <EmptyTimeline page={page} pathname={pathname} state={state} />
        )}
        <Pager
          newest={page.filters.cursor !== undefined ? viewHref(pathname, state) : null}
          older={timeline.nextCursor !== null ? viewHref(pathname, state, { cursor: timeline.nextCursor }) : null}
        />
      </section>
    </div>
  );
}
