import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SearchResults } from "@/components/search/search-results";
import { requireViewer } from "@/lib/auth/session";
import { search, SEARCH_MAX_LENGTH } from "@/lib/queries/search";
import { getPageRuntime } from "@/lib/server/page-reader";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KIND_LABEL = { account: "Account", invoice: "Invoice", lead: "Lead", correlation: "Request or correlation" };

function WhatCanBeSearched() {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
      <li>accounts by part of their name, billing email or account id;</li>
      <li>invoices by part of their id;</li>
      <li>a deployment&apos;s app version (e.g. 4.2.1): the accounts it wrote events to;</li>
      <li>leads by part of the contact&apos;s name or email, or the company;</li>
      <li>
        an exact account, invoice or lead id, request id or correlation id (a billing webhook delivery&apos;s is{" "}
        <span className="font-mono">delivery:&lt;event id&gt;</span>) opens its page directly.
      </li>
    </ul>
  );
}

function SearchForm({ q }: { q: string }) {
  return (
    <form action="/search" method="get" role="search" className="flex gap-2">
      <input
        type="search"
        name="q"
        defaultValue={q}
        aria-label="Search"
        placeholder="Name, email, company or id"
        className="w-96 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none"
      />
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
        Search
      </button>
    </form>
  );
}

const panel = "space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** One search box for everything: accounts, invoices, leads, and ids that open their page. */
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = Array.isArray(params.q) ? params.q[0] : params.q;
  await requireViewer("read", raw ? `/search?${new URLSearchParams({ q: raw })}` : "/search");
  const answer = await search(await getPageRuntime(), raw);
  if ("redirect" in answer) redirect(answer.redirect);
  const q = answer.kind === "results" ? answer.q : "";
  // An overlong search goes back into the box, to be shortened there.
  const typed = answer.kind === "too-long" ? (raw ?? "").trim() : q;
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
        <SearchForm q={typed} />
      </div>
      {answer.kind === "empty" ? (
        <div className={panel}>
          <p className="text-sm text-slate-700">Type what you know about a customer. You can find:</p>
          <WhatCanBeSearched />
        </div>
      ) : null}
      {answer.kind === "too-long" ? (
        <div className={panel} role="alert">
          <p className="text-sm text-slate-700">
            That search is {answer.length} characters long; a search can be at most {SEARCH_MAX_LENGTH}. Search for a
            name, an email or an id instead: part of one is enough.
          </p>
        </div>
      ) : null}
      {answer.kind === "results" ? (
        <>
          {answer.exact.length > 1 ? (
            <div className={panel} role="status">
              <p className="text-sm text-slate-700">
                <span className="font-mono">{q}</span> is the id of more than one thing:
              </p>
              <ul className="space-y-1 text-sm">
                {answer.exact.map((m) => (
                  <li key={m.kind}>
                    <Link href={m.href} className="text-indigo-700 hover:underline">
                      {KIND_LABEL[m.kind]} {q} →
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {answer.deployment.length > 0 ? (
            <section className={panel} aria-label="Deployment">
              <h2 className="text-sm font-semibold text-slate-900">
                Deployment <span className="font-mono">{q}</span> wrote{" "}
                {answer.deployment.reduce((sum, a) => sum + a.events, 0).toLocaleString("en-US")} events to{" "}
                {answer.deployment.length} {answer.deployment.length === 1 ? "account" : "accounts"}
              </h2>
              <ul className="space-y-1 text-sm">
                {answer.deployment.map((a) => (
                  <li key={a.accountId}>
                    <Link
                      href={`/accounts/${encodeURIComponent(a.accountId)}?appVersion=${encodeURIComponent(q)}`}
                      className="text-indigo-700 hover:underline"
                    >
                      {answer.accountNames.get(a.accountId) ?? a.accountId}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">
                      {Object.entries(a.types)
                        .map(([type, n]) => `${n} ${type}`)
                        .join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {answer.accounts.items.length +
            answer.invoices.items.length +
            answer.leads.items.length +
            answer.deployment.length ===
          0 ? (
            <div className={panel} role="status">
              <p className="text-sm text-slate-700">
                Nothing matches “<span className="font-medium">{q}</span>”. You can search for:
              </p>
              <WhatCanBeSearched />
            </div>
          ) : (
            <SearchResults found={answer} names={answer.accountNames} />
          )}
        </>
      ) : null}
    </div>
  );
}
