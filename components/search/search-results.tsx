import Link from "next/link";
import { dateTime, moneyOrDash, planOrDash, words } from "@/components/ui/format";
import type { AccountSummary } from "@/lib/projections/account-summary/queries";
import type { LeadView } from "@/lib/projections/customer-lifecycle/queries";
import type { InvoiceView } from "@/lib/projections/invoices/queries";
import { type Hits, SEARCH_PER_KIND } from "@/lib/queries/search";
import { Highlight } from "./highlight";

const link = "font-medium text-indigo-700 hover:underline";
const detail = "text-xs text-slate-500";
const badge = "rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700";
const id = (base: string, value: string) => `${base}/${encodeURIComponent(value)}`;

function Section<T>({
  title,
  hits,
  more,
  children,
}: {
  title: string;
  hits: Hits<T>;
  more: React.ReactNode;
  children: (item: T) => React.ReactNode;
}) {
  if (hits.items.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={title}>
      <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
        {title}{" "}
        <span className="font-normal text-slate-500">
          ({hits.more ? `first ${hits.items.length}` : hits.items.length})
        </span>
      </h2>
      <ul className="divide-y divide-slate-100">{hits.items.map(children)}</ul>
      {hits.more ? <div className="border-t border-slate-200 px-5 py-2 text-sm">{more}</div> : null}
    </section>
  );
}

function AccountRow({ a, q }: { a: AccountSummary; q: string }) {
  return (
    <li key={a.accountId} className="px-5 py-2.5" data-testid="search-account">
      <Link href={id("/accounts", a.accountId)} className={link}>
        {a.name ? <Highlight text={a.name} term={q} /> : <span className="italic">no name yet</span>}
      </Link>
      <span className="ml-2 space-x-1.5">
        <span className={badge}>{words(a.lifecycleStage)}</span>
        {a.plan ? (
          <span className={badge}>
            {planOrDash(a.plan)} · {words(a.subscriptionStatus)} · {moneyOrDash(a.mrr, a.currency)} MRR
          </span>
        ) : null}
      </span>
      <div className={detail}>
        {a.billingEmail ? <Highlight text={a.billingEmail} term={q} /> : "no billing contact"} · account{" "}
        <span className="font-mono">
          <Highlight text={a.accountId} term={q} />
        </span>
      </div>
    </li>
  );
}

function Owner({ accountId, names }: { accountId: string; names: Map<string, string | null> }) {
  return (
    <Link href={id("/accounts", accountId)} className="hover:underline">
      {names.get(accountId) ?? <span className="font-mono">{accountId}</span>}
    </Link>
  );
}

function InvoiceRow({ i, q, names }: { i: InvoiceView; q: string; names: Map<string, string | null> }) {
  return (
    <li key={i.invoiceId} className="px-5 py-2.5" data-testid="search-invoice">
      <Link href={id("/invoices", i.invoiceId)} className={`${link} font-mono`}>
        <Highlight text={i.invoiceId} term={q} />
      </Link>
      <span className={`ml-2 ${badge}`}>{words(i.status)}</span>
      <div className={detail}>
        <Owner accountId={i.accountId} names={names} /> · issued {dateTime(i.issuedAt)} · total{" "}
        {moneyOrDash(i.charged, i.currency)} · balance {moneyOrDash(i.balance, i.currency)}
      </div>
    </li>
  );
}

function LeadRow({ l, q, names }: { l: LeadView; q: string; names: Map<string, string | null> }) {
  return (
    <li key={l.leadId} className="px-5 py-2.5" data-testid="search-lead">
      <Link href={id("/leads", l.leadId)} className={link}>
        <Highlight text={l.name || l.leadId} term={q} />
      </Link>{" "}
      <span className="text-sm text-slate-700">
        at <Highlight text={l.company} term={q} />
      </span>
      <span className={`ml-2 ${badge}`}>{words(l.stage)}</span>
      <div className={detail}>
        <Highlight text={l.email} term={q} /> · lead <span className="font-mono">{l.leadId}</span> · captured{" "}
        {dateTime(l.capturedAt)}
        {l.convertedAt ? (
          <>
            {" "}
            · became <Owner accountId={l.accountId} names={names} />
          </>
        ) : null}
      </div>
    </li>
  );
}

type Found = { q: string; accounts: Hits<AccountSummary>; invoices: Hits<InvoiceView>; leads: Hits<LeadView> };

/** What a search found, by kind, with the matching text highlighted. */
export function SearchResults({ found, names }: { found: Found; names: Map<string, string | null> }) {
  const { q } = found;
  const refine = (
    <span className="text-slate-500">Only the first {SEARCH_PER_KIND} are shown: add to the search to narrow it.</span>
  );
  const counts = [
    [found.accounts, "account"],
    [found.invoices, "invoice"],
    [found.leads, "lead"],
  ] as const;
  const listed = counts
    .map(([hits, noun]) => {
      const n = hits.items.length;
      return `${hits.more ? "more than " : ""}${n} ${noun}${n === 1 && !hits.more ? "" : "s"}`;
    })
    .join(", ");
  const sentence = listed.charAt(0).toUpperCase() + listed.slice(1);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" role="status">
        {sentence} match “<span className="font-medium text-slate-900">{q}</span>”.
      </p>
      <Section
        title="Accounts"
        hits={found.accounts}
        more={
          <Link href={`/accounts?${new URLSearchParams({ q })}`} className="text-indigo-700 hover:underline">
            more accounts matching “{q}”…
          </Link>
        }
      >
        {(a) => <AccountRow key={a.accountId} a={a} q={q} />}
      </Section>
      <Section title="Invoices" hits={found.invoices} more={refine}>
        {(i) => <InvoiceRow key={i.invoiceId} i={i} q={q} names={names} />}
      </Section>
      <Section title="Leads" hits={found.leads} more={refine}>
        {(l) => <LeadRow key={l.leadId} l={l} q={q} names={names} />}
      </Section>
    </div>
  );
}
