import { z } from "zod";

/** The plan catalogue: prices per seat per period, in USD minor units. */

export const PLAN_CODES = ["starter", "pro", "enterprise"] as const;
export const ZPlanCode = z.enum(PLAN_CODES, {
  error: `plan must be one of ${PLAN_CODES.map((p) => `"${p}"`).join(", ")}`,
});
export type PlanCode = z.output<typeof ZPlanCode>;

export const BILLING_INTERVALS = ["monthly", "annual"] as const;
export const ZBillingInterval = z.enum(BILLING_INTERVALS, { error: 'interval must be "monthly" or "annual"' });
export type BillingInterval = z.output<typeof ZBillingInterval>;

export interface Plan {
  code: PlanCode;
  name: string;
  /** Higher rank = bigger plan; upgrades go up, downgrades go down. */
  rank: number;
  currency: "USD";
  /** Per seat, per billing period, in minor units. */
  prices: Readonly<Record<BillingInterval, number>>;
  features: readonly string[];
}

export const PLANS: Readonly<Record<PlanCode, Plan>> = {
  starter: {
    code: "starter",
    name: "Starter",
    rank: 1,
    currency: "USD",
    prices: { monthly: 2900, annual: 29000 },
    features: ["Audit timeline (90 days)", "Up to 3 projects", "Email support"],
  },
  pro: {
    code: "pro",
    name: "Pro",
    rank: 2,
    currency: "USD",
    prices: { monthly: 9900, annual: 99000 },
    features: ["Audit timeline (unlimited)", "Unlimited projects", "Exports", "Priority support"],
  },
  enterprise: {
    code: "enterprise",
    name: "Enterprise",
    rank: 3,
    currency: "USD",
    prices: { monthly: 49900, annual: 499000 },
    features: ["Everything in Pro", "SSO and SCIM", "Evidence bundles", "99.9% SLA", "Dedicated success manager"],
  },
};

/** Months in one billing period. */
export const INTERVAL_MONTHS: Readonly<Record<BillingInterval, number>> = { monthly: 1, annual: 12 };

export function planNamed(code: PlanCode): Plan {
  return PLANS[code];
}

/** Per-seat price of a plan for one period of the interval, in minor units. */
export function unitPriceOf(code: PlanCode, interval: BillingInterval): number {
  return PLANS[code].prices[interval];
}

export function planName(code: string): string {
  return code in PLANS ? PLANS[code as PlanCode].name : code;
}
