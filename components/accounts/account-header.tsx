import { Stat } from "@/components/ui/stat";
import type { AccountSummary } from "@/lib/projections/account-summary/queries";
import { moneyOrDash, planOrDash, words } from "@/components/ui/format";

/** Who the account is and where its subscription stands now (account summary read model). */
export function AccountHeader({ accountId, account }: { accountId: string; account: AccountSummary | null }) {
  return (
    <section className="space-y-4" aria-label="Account summary">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{account?.name ?? accountId}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <span className="font-mono">{accountId}</span>
          {account?.billingEmail ? ` · billing contact ${account.billingEmail}` : ""}
          {account ? ` · account ${words(account.accountStatus)} · ${words(account.lifecycleStage)}` : ""}
        </p>
      </div>
      {account ? (
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Stat
            label="Plan"
            value={planOrDash(account.plan)}
            hint={[
              account.interval,
              words(account.subscriptionStatus),
              account.couponCode && `coupon ${account.couponCode}`,
            ]
              .filter(Boolean)
              .join(", ")}
          />
          <Stat label="Seats" value={account.seats ?? "—"} />
          <Stat label="MRR" value={moneyOrDash(account.mrr, account.currency)} hint="list price per month" />
          <Stat label="Open balance" value={moneyOrDash(account.openBalance, account.currency)} />
        </div>
      ) : (
        <p className="text-sm text-slate-600">A prospect: its lead has not been converted into an account yet.</p>
      )}
    </section>
  );
}
