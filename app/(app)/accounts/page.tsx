import type { Metadata } from "next";
import Link from "next/link";
import { AccountTable } from "@/components/accounts/account-table";
import { pageAddress } from "@/lib/auth/return-path";
import { requireViewer } from "@/lib/auth/session";
import { readAccountList } from "@/lib/queries/accounts";

export const metadata: Metadata = { title: "Accounts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountsPage({ searchParams }: Props) {
  const params = await searchParams;
  await requireViewer("read", pageAddress("/accounts", params));
  const { search, items, nextCursor } = await readAccountList(params);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
          <p className="mt-1 text-sm text-slate-600">Open an account to see everything that happened to it.</p>
        </div>
        <form role="search" className="flex gap-2">
          <input
            type="search"
            name="q"
            defaultValue={search}
            placeholder="Name, email or account id"
            aria-label="Search accounts"
            className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none"
          />
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
            Search
          </button>
        </form>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Account list">
        {items.length > 0 ? (
          <AccountTable accounts={items} />
        ) : (
          <p className="px-5 py-8 text-center text-sm text-slate-500">
            {search ? `No account matches “${search}”.` : "No accounts yet."}
          </p>
        )}
      </section>
      {nextCursor ? (
        <Link
          href={{ pathname: "/accounts", query: { ...(search ? { q: search } : {}), after: nextCursor } }}
          className="text-sm text-indigo-700 hover:underline"
        >
          Next accounts →
        </Link>
      ) : null}
    </div>
  );
}
