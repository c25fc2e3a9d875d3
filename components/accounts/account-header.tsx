import { Stat } from "@/components/ui/stat";
import { moneyOrDash, planOrDash, words } from "@/components/ui/format";
import type { AccountHeaderModel } from "@/lib/accounts/header";

/** Who the account is and where its subscription stands (now, or as of the point the page shows). */
export function AccountHeader({
  accountId,
  header,
  projecting = false,
  children,
}: {
  accountId: string;
  header: AccountHeaderModel | null;
  /** The account summary has not applied this account's events yet (its figures are on their way). */
  projecting?: boolean;
  /** Actions beside the name (compare, report, export). */
  children?: React.ReactNode;
}) {
  // What the customer pays leads; the list price shows beside it when a coupon takes something off.
  const mrrHint =
    header && header.mrrAfterCoupons !== header.mrr
      ? `per month after coupon ${header.couponCode ?? ""}; list price ${moneyOrDash(header.mrr, header.currency)}`
      : "per month; no coupon";
  return (
    <section className="space-y-4" aria-label="Account summary">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{header?.name ?? accountId}</h1>
          <p className="mt-1 text-sm text-slate-600">
            <span className="font-mono">{accountId}</span>
            {header?.billingEmail ? ` · billing contact ${header.billingEmail}` : ""}
            {header && header.accountStatus !== "none"
              ? ` · account ${words(header.accountStatus)} · ${words(header.lifecycleStage)}`
              : ""}
          </p>
        </div>
        {children ? <div className="flex flex-wrap gap-2 print:hidden">{children}</div> : null}
      </div>
      {header && header.accountStatus !== "none" ? (
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Stat
            label="Plan"
            value={planOrDash(header.plan)}
            hint={[
              header.interval,
              words(header.subscriptionStatus),
              header.couponCode && `coupon ${header.couponCode}`,
            ]
              .filter(Boolean)
              .join(", ")}
          />
          <Stat label="Seats" value={header.seats ?? "—"} />
          <Stat label="MRR" value={moneyOrDash(header.mrrAfterCoupons, header.currency)} hint={mrrHint} />
          <Stat label="Open balance" value={moneyOrDash(header.openBalance, header.currency)} />
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          {projecting
            ? "This account's figures are being brought up to date; they appear in a moment."
            : "A prospect: its lead has not been converted into an account yet."}
        </p>
      )}
    </section>
  );
}
