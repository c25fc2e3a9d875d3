import type { Metadata } from "next";
import Link from "next/link";
import { LeadTable } from "@/components/leads/lead-table";
import { pageAddress } from "@/lib/auth/return-path";
import { requireViewer } from "@/lib/auth/session";
import { readLeadList } from "@/lib/queries/leads";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Leads" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The lead pipeline, newest captured first (customer-lifecycle read model). */
export default async function LeadsPage({ searchParams }: Props) {
  const query = await searchParams;
  await requireViewer("read", pageAddress("/leads", query));
  const { items, nextCursor } = await readLeadList(await getRuntime(), query);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Leads</h1>
        <p className="mt-1 text-sm text-slate-600">
          Newest captured first. Open a lead for its scores, its timeline and the account it became.
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Lead list">
        {items.length > 0 ? (
          <LeadTable leads={items} />
        ) : (
          <p className="px-5 py-8 text-center text-sm text-slate-500">
            {query.after ? "No more leads." : "No leads yet."}
          </p>
        )}
      </section>
      <div className="flex gap-4 text-sm">
        {query.after ? (
          <Link href="/leads" className="text-indigo-700 hover:underline">
            ← Newest leads
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={{ pathname: "/leads", query: { after: nextCursor } }} className="text-indigo-700 hover:underline">
            Older leads →
          </Link>
        ) : null}
      </div>
    </div>
  );
}
