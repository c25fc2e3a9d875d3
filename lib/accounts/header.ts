import type { AccountState, InvoiceState, SubscriptionState } from "@/lib/domain";
import type { AccountSummary } from "@/lib/projections/account-summary/queries";
import { lifecycleStageOf, subscriptionColumns } from "@/lib/projections/account-summary/summary";
import { monthlyRecurringRevenueAfterCoupon, subscriptionCurrency } from "@/lib/projections/shared/mrr";

/** What the top of an account's page shows, now (from the read model) or as of a point (from folded states). */
export type AccountHeaderModel = Pick<
  AccountSummary,
  | "accountId"
  | "name"
  | "billingEmail"
  | "accountStatus"
  | "lifecycleStage"
  | "subscriptionStatus"
  | "plan"
  | "interval"
  | "seats"
  | "couponCode"
  | "mrr"
  | "currency"
  | "openBalance"
> & {
  /** What the active coupon leaves of the list-price MRR (minor units of currency). */
  mrrAfterCoupons: number;
};

export function headerFromSummary(summary: AccountSummary): AccountHeaderModel {
  return {
    accountId: summary.accountId,
    name: summary.name,
    billingEmail: summary.billingEmail,
    accountStatus: summary.accountStatus,
    lifecycleStage: summary.lifecycleStage,
    subscriptionStatus: summary.subscriptionStatus,
    plan: summary.plan,
    interval: summary.interval,
    seats: summary.seats,
    couponCode: summary.couponCode,
    mrr: summary.mrr,
    mrrAfterCoupons: monthlyRecurringRevenueAfterCoupon(summary.subscription),
    currency: summary.currency,
    openBalance: summary.openBalance,
  };
}

/** The same figures from the aggregates' states, by the read model's own rules (account-summary, mrr). */
export function headerFromStates(
  accountId: string,
  {
    account,
    subscription,
    invoices,
  }: { account: AccountState; subscription: SubscriptionState; invoices: InvoiceState[] },
): AccountHeaderModel {
  const columns = subscriptionColumns(subscription);
  const open = account.status === "none" ? null : account;
  return {
    accountId,
    name: open?.name ?? null,
    billingEmail: open?.billingEmail ?? null,
    accountStatus: account.status,
    lifecycleStage: lifecycleStageOf(account.status, subscription),
    subscriptionStatus: columns.subscription_status,
    plan: columns.plan,
    interval: columns.interval,
    seats: columns.seats,
    couponCode: columns.coupon_code,
    mrr: columns.mrr,
    mrrAfterCoupons: monthlyRecurringRevenueAfterCoupon(subscription),
    currency: subscriptionCurrency(subscription) ?? open?.currency ?? null,
    openBalance: invoices.reduce((sum, i) => sum + (i.status === "open" ? i.balance : 0), 0),
  };
}
