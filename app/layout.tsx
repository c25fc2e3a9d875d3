import type { Metadata } from "next";
import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { Providers } from "@/components/providers";
import { can } from "@/lib/auth/permissions";
import { currentPrincipal } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ledgerline", template: "%s · Ledgerline" },
  description: "The audit timeline behind every account, subscription and invoice.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const principal = await currentPrincipal();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white print:hidden">
          <div className="mx-auto flex max-w-6xl items-center gap-5 px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
              Ledger<span className="text-indigo-600">line</span>
            </Link>
            {principal ? (
              <>
                <nav className="flex gap-3.5 whitespace-nowrap text-sm" aria-label="Main">
                  <Link href="/" className="text-slate-600 hover:text-slate-900">
                    Overview
                  </Link>
                  <Link href="/accounts" className="text-slate-600 hover:text-slate-900">
                    Accounts
                  </Link>
                  <Link href="/leads" className="text-slate-600 hover:text-slate-900">
                    Leads
                  </Link>
                  <Link href="/projections" className="text-slate-600 hover:text-slate-900">
                    Projections
                  </Link>
                  {can(principal.role, "reports") ? (
                    <Link href="/reports/conversions" className="text-slate-600 hover:text-slate-900">
                      Conversions
                    </Link>
                  ) : null}
                  {can(principal.role, "verify") ? (
                    <Link href="/finance/reconciliation" className="text-slate-600 hover:text-slate-900">
                      Reconciliation
                    </Link>
                  ) : null}
                  {can(principal.role, "verify") ? (
                    <Link href="/approvals" className="text-slate-600 hover:text-slate-900">
                      Approvals
                    </Link>
                  ) : null}
                </nav>
                <form
                  action="/search"
                  method="get"
                  role="search"
                  aria-label="Everywhere"
                  className="min-w-32 max-w-xs flex-1 print:hidden"
                >
                  <input
                    type="search"
                    name="q"
                    placeholder="Search accounts, invoices, leads, request ids…"
                    aria-label="Search everything"
                    className="w-full rounded-md border border-slate-300 px-3 py-1 text-sm focus:border-indigo-500 focus:outline-none"
                  />
                </form>
              </>
            ) : (
              <span className="text-sm text-slate-500">the story behind every account</span>
            )}
            <div className="ml-auto shrink-0 whitespace-nowrap">
              <UserMenu principal={principal} />
            </div>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-6 py-8">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
