import type { AccountState, InvoiceState, SubscriptionState } from "@/lib/domain";
import type { RecordedEvent } from "@/lib/event-store";
import { evolveWith, initialStateOf, occurredAtOf } from "../shared/fold";
import { monthlyRecurringRevenue, subscriptionCurrency } from "../shared/mrr";

export type AccountStatus = AccountState["status"];
export type LifecycleStage = "prospect" | "trial" | "customer" | "paused" | "churned" | "closed";

/** What account-summary keeps per account; the other columns are derived from it (see columnsOf). */
export interface Summary {
  accountId: string;
  name: string | null;
  billingEmail: string | null;
  accountStatus: AccountStatus;
  /** The account's currency until a subscription names its own. */
  currency: string | null;
  subscription: SubscriptionState;
  openBalance: number;
  lastActivityAt: string;
  lastPosition: number;
}

export function emptySummary(accountId: string, event: RecordedEvent): Summary {
  return {
    accountId,
    name: null,
    billingEmail: null,
    accountStatus: "none",
    currency: null,
    subscription: initialStateOf<SubscriptionState>("subscription"),
    openBalance: 0,
    lastActivityAt: occurredAtOf(event),
    lastPosition: event.position,
  };
}

/** Folds an account or subscription event into the summary (invoice events only move activity). */
export function evolveSummary(summary: Summary, event: RecordedEvent): Summary {
  const touched: Summary = {
    ...summary,
    lastActivityAt: occurredAtOf(event) > summary.lastActivityAt ? occurredAtOf(event) : summary.lastActivityAt,
    lastPosition: Math.max(summary.lastPosition, event.position),
  };
  if (event.streamType === "subscription") {
    const subscription = evolveWith("subscription", summary.subscription, event);
    return { ...touched, subscription, currency: subscriptionCurrency(subscription) ?? summary.currency };
  }
  if (event.streamType !== "account") return touched;
  const data = event.data as { name?: string; billingEmail?: string; currency?: string };
  switch (event.type) {
    case "AccountOpened":
      return {
        ...touched,
        name: data.name ?? null,
        billingEmail: data.billingEmail ?? null,
        accountStatus: "open",
        currency: subscriptionCurrency(summary.subscription) ?? data.currency ?? null,
      };
    case "AccountRenamed":
      return summary.accountStatus === "none" ? touched : { ...touched, name: data.name ?? summary.name };
    case "BillingContactChanged":
      return summary.accountStatus === "none"
        ? touched
        : { ...touched, billingEmail: data.billingEmail ?? summary.billingEmail };
    case "AccountClosed":
      return summary.accountStatus === "none" ? touched : { ...touched, accountStatus: "closed" };
    default:
      return touched;
  }
}

export function lifecycleStageOf(accountStatus: AccountStatus, subscription: SubscriptionState): LifecycleStage {
  if (accountStatus === "closed") return "closed";
  switch (subscription.status) {
    case "none":
      return "prospect";
    case "trialing":
      return "trial";
    case "active":
      return "customer";
    case "paused":
      return "paused";
    case "canceled":
      return "churned";
  }
}

/** The subscription columns (also what the consistency check expects from a replayed subscription). */
export function subscriptionColumns(subscription: SubscriptionState) {
  const s = subscription;
  return {
    subscription_status: s.status,
    plan: s.status === "none" ? null : s.plan,
    interval: s.status === "active" || s.status === "paused" ? s.interval : null,
    seats: s.status === "none" || s.status === "canceled" ? null : s.seats,
    coupon_code: s.status === "active" || s.status === "paused" ? (s.coupon?.code ?? null) : null,
    mrr: monthlyRecurringRevenue(s),
  };
}

/** Drops an invoice's lists (lines, payments, ...): balance and status only need its figures. */
export function compactInvoice(state: InvoiceState): InvoiceState {
  if (state.status === "none") return state;
  return { ...state, lines: [], creditNotes: [], payments: [], refunds: [], failedPayments: [] };
}
