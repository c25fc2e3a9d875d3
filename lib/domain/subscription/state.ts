import type { BillingInterval, PlanCode } from "../catalog/plans";
import type { ActiveCoupon } from "../billing/period-charge";

/**
 * A subscription (one per account, stream `subscription-<accountId>`).
 * Plain JSON: ISO strings for instants, integers in minor units.
 */
export type SubscriptionState = NoSubscription | TrialSubscription | BilledSubscription | CanceledSubscription;

export interface NoSubscription {
  status: "none";
  accountId: null;
}

export interface ScheduledCancellation {
  when: "now" | "period_end";
  effectiveAt: string;
  scheduledAt: string;
}

export interface TrialSubscription {
  status: "trialing";
  accountId: string;
  plan: PlanCode;
  seats: number;
  trialStart: string;
  trialEnd: string;
  cancellation: ScheduledCancellation | null;
}

export interface BilledSubscription {
  status: "active" | "paused";
  accountId: string;
  plan: PlanCode;
  interval: BillingInterval;
  /** Per seat per period, minor units. */
  unitPrice: number;
  seats: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
  /** The current period's invoice and how much of it can still be credited. */
  periodInvoice: { invoiceId: string; creditable: number };
  coupon: ActiveCoupon | null;
  scheduledDowngrade: { plan: PlanCode; unitPrice: number; effectiveAt: string } | null;
  cancellation: ScheduledCancellation | null;
  pausedAt: string | null;
  /** Owed to the customer (downgrade credit beyond what the period invoice could take); used on the next period invoice. */
  accountCredit: number;
}

export interface CanceledSubscription {
  status: "canceled";
  accountId: string;
  plan: PlanCode;
  canceledAt: string;
  /** Credit still owed to the customer; used if they purchase again. */
  accountCredit: number;
  currency: string;
}

export const initialSubscriptionState = (): SubscriptionState => ({ status: "none", accountId: null });
