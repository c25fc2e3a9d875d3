import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountHeader } from "@/components/accounts/account-header";
import { PendingBanner } from "@/components/accounts/pending-banner";
import { TimelineList } from "@/components/accounts/timeline-list";
import { requireViewer } from "@/lib/auth/session";
import { STREAM_KINDS } from "@/lib/domain";
import { readAccountPage } from "@/lib/queries/accounts";

type Props = {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Account ${(await params).accountId}` };
}

const KIND_LABEL = { account: "Account", subscription: "Subscription", invoice: "Invoices", lead: "Lead" } as const;

export default async function AccountPage({ params, searchParams }: Props) {
  const { accountId } = await params;
  await requireViewer("read", `/accounts/${accountId}`);
  const page = await readAccountPage(accountId, await searchParams);
  if (!page) notFound();
  const { account, timeline, pending, query } = page;
  const filterLink = (stream?: string) => ({ pathname: `/accounts/${accountId}`, query: stream ? { stream } : {} });
  return (
    <div className="space-y-6">
      <AccountHeader accountId={accountId} account={account} />
      <PendingBanner pending={pending} />
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Timeline">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <h2 className="text-sm font-semibold text-slate-900">Timeline, newest first</h2>
          <nav aria-label="Filter by stream" className="flex gap-1 text-xs">
            {[undefined, ...STREAM_KINDS].map((kind) => {
              const active = query.stream === kind;
              return (
                <Link
                  key={kind ?? "all"}
                  href={filterLink(kind)}
                  aria-current={active ? "page" : undefined}
                  className={`rounded-full px-2.5 py-1 ${active ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
                >
                  {kind ? KIND_LABEL[kind] : "All"}
                </Link>
              );
            })}
          </nav>
        </div>
        {timeline.items.length > 0 ? (
          <TimelineList accountId={accountId} entries={timeline.items} currency={account?.currency ?? null} />
        ) : (
          <p className="px-5 py-8 text-center text-sm text-slate-500">No events here.</p>
        )}
        {timeline.nextCursor !== null ? (
          <div className="border-t border-slate-200 px-5 py-3">
            <Link
              href={{
                pathname: `/accounts/${accountId}`,
                query: { ...(query.stream ? { stream: query.stream } : {}), before: timeline.nextCursor },
              }}
              className="text-sm text-indigo-700 hover:underline"
            >
              Older events →
            </Link>
          </div>
        ) : null}
      </section>
    </div>
  );
}
