import Link from "next/link";
import type { AccountSummary } from "@/lib/projections/account-summary/queries";
import { dateTime, moneyOrDash, planOrDash, words } from "@/components/ui/format";

/** The accounts list: one row per account with what support asks first. */
export function AccountTable({ accounts }: { accounts: AccountSummary[] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="px-4 py-2 font-medium">Account</th>
          <th className="px-4 py-2 font-medium">Plan</th>
          <th className="px-4 py-2 font-medium">Subscription</th>
          <th className="px-4 py-2 text-right font-medium">Seats</th>
          <th className="px-4 py-2 text-right font-medium">MRR</th>
          <th className="px-4 py-2 text-right font-medium">Open balance</th>
          <th className="px-4 py-2 font-medium">Last activity</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {accounts.map((a) => (
          <tr key={a.accountId} className="hover:bg-slate-50">
            <td className="px-4 py-2">
              <Link href={`/accounts/${a.accountId}`} className="font-medium text-indigo-700 hover:underline">
                {a.name ?? a.accountId}
              </Link>
              <div className="text-xs text-slate-500">
                {a.billingEmail ?? "no billing contact"} · <span className="font-mono">{a.accountId}</span>
              </div>
            </td>
            <td className="px-4 py-2">
              {planOrDash(a.plan)}
              {a.interval ? <span className="text-slate-500"> · {a.interval}</span> : null}
            </td>
            <td className="px-4 py-2">{words(a.subscriptionStatus)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{a.seats ?? "—"}</td>
            <td className="px-4 py-2 text-right tabular-nums">{moneyOrDash(a.mrr, a.currency)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{moneyOrDash(a.openBalance, a.currency)}</td>
            <td className="px-4 py-2 text-slate-600">{dateTime(a.lastActivityAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
