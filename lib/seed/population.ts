import { aggregates, DomainError, type SubscriptionState } from "@/lib/domain";
import type { PlanCode } from "@/lib/domain/catalog/plans";
import { BAD_DEPLOYMENT_DAY } from "./app-versions";
import { DEMO_CALLERS } from "./demo-actors";
import { invoicesOf, type Seeder } from "./seeder";

const FIRST = [
  "Blue",
  "Silver",
  "North",
  "Bright",
  "Quiet",
  "Red",
  "Swift",
  "Clear",
  "Golden",
  "Green",
  "Iron",
  "Open",
];
const SECOND = [
  "Harbor",
  "Peak",
  "River",
  "Cedar",
  "Falcon",
  "Summit",
  "Lantern",
  "Orchard",
  "Beacon",
  "Meadow",
  "Atlas",
];
const KIND = ["Labs", "Logistics", "Health", "Studio", "Partners", "Foods", "Systems", "Energy", "Robotics", "Media"];

/** A deterministic company name and id for the n-th generated account. */
export function companyOf(n: number): { accountId: string; name: string } {
  const name = `${FIRST[n % FIRST.length]} ${SECOND[Math.floor(n / FIRST.length) % SECOND.length]} ${KIND[Math.floor(n / (FIRST.length * SECOND.length)) % KIND.length]}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return { accountId: `${slug}-${n}`, name };
}

const { crm, dana, supportDesk, couponJanitor } = DEMO_CALLERS;
const UPGRADE: Partial<Record<PlanCode, PlanCode>> = { starter: "pro", pro: "enterprise" };
const DOWNGRADE: Partial<Record<PlanCode, PlanCode>> = { enterprise: "pro", pro: "starter" };

/**
 * One generated customer's life, month by month from when it signed up until
 * today: a trial or a purchase, renewals paid through the provider's webhook,
 * now and then more or fewer seats, an upgrade or a downgrade, a coupon, a
 * pause, a refund, and maybe the end. Everything through the real handlers;
 * a change the rules refuse in that month is simply not made.
 */
export async function generatedAccount(root: Seeder, n: number): Promise<string> {
  const { accountId, name } = companyOf(n);
  const s = root.forAccount(accountId);
  const r = s.random;
  const start = -r.int(20, 720);
  await s.run(s.at(start), crm, "OpenAccount", {
    accountId,
    name,
    billingEmail: `billing@${accountId}.example`,
    currency: "USD",
  });
  let plan = r.pickWeighted<PlanCode>({ starter: 5, pro: 4, enterprise: 1 });
  const seats = r.int(1, 5) * r.int(1, 6);
  let day = start;
  if (r.chance(0.3)) {
    await s.run(s.at(start, 11), crm, "StartTrial", { accountId, plan, seats, days: 14 });
    day = start + 14;
    if (day >= 0) return accountId;
    if (r.chance(0.3)) {
      await s.run(
        s.at(day - 1),
        supportDesk,
        "ScheduleCancellation",
        { accountId, when: "now" },
        { reason: "Trial ended without a purchase." },
      );
      return accountId;
    }
    await s.pay(
      s.at(day, 11),
      invoicesOf(
        await s.run(s.at(day, 10), crm, "ConvertTrial", { accountId, interval: r.chance(0.75) ? "monthly" : "annual" }),
      ),
    );
  } else {
    const interval = r.chance(0.6) ? "monthly" : "annual";
    await s.pay(
      s.at(start, 12),
      invoicesOf(await s.run(s.at(start, 11), crm, "PurchasePlan", { accountId, plan, interval, seats })),
    );
  }
  let paused = false;
  for (day += r.int(20, 40); day < -1; day += r.int(20, 40)) {
    await s.advance(accountId, s.at(day));
    const when = s.at(day, r.int(8, 17));
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    };
    // The bad deployment's day belongs to its story (stories/bad-deployment.ts): no plan or seat changes here.
    if (Math.abs(day - BAD_DEPLOYMENT_DAY) <= 1) continue;
    if (paused) {
      if (r.chance(0.5)) {
        await attempt(async () =>
          s.pay(
            when,
            invoicesOf(
              await s.run(
                when,
                supportDesk,
                "ResumeSubscription",
                { accountId },
                { reason: "Customer back from the seasonal pause." },
              ),
            ),
          ),
        );
        paused = false;
      }
      continue;
    }
    const roll = r.next();
    if (roll < 0.1) {
      const delta = r.chance(0.65) ? r.int(1, 5) : -r.int(1, 3);
      await attempt(async () => {
        const current = await seatsOf(s, accountId);
        const result = await s.run(
          when,
          r.chance(0.5) ? crm : dana,
          "ChangeSeats",
          { accountId, seats: Math.max(1, current + delta) },
          r.chance(0.5) ? {} : { source: "ui" },
        );
        await s.pay(new Date(when.getTime() + 3_600_000), invoicesOf(result));
      });
    } else if (roll < 0.13 && UPGRADE[plan]) {
      await attempt(async () => {
        const result = await s.run(when, crm, "UpgradePlan", { accountId, plan: UPGRADE[plan]! });
        plan = UPGRADE[plan]!;
        await s.pay(new Date(when.getTime() + 3_600_000), invoicesOf(result));
      });
    } else if (roll < 0.145 && DOWNGRADE[plan]) {
      await attempt(() =>
        s.run(
          when,
          dana,
          "DowngradePlan",
          { accountId, plan: DOWNGRADE[plan]!, when: "period_end" },
          { source: "ui", reason: "Customer asked to downgrade at renewal." },
        ),
      );
    } else if (roll < 0.17) {
      await attempt(() => s.run(when, crm, "ApplyCoupon", { accountId, code: r.pick(["SAVE20", "TAKE10"]) }));
    } else if (roll < 0.18) {
      await attempt(() =>
        s.run(
          when,
          couponJanitor,
          "RemoveCoupon",
          { accountId },
          { source: "system", reason: "Nightly rule: coupon not allowed on this plan." },
        ),
      );
    } else if (roll < 0.19) {
      await attempt(() =>
        s.run(
          when,
          supportDesk,
          "PauseSubscription",
          { accountId },
          { reason: "Seasonal pause requested by the customer." },
        ),
      );
      paused = true;
    } else if (roll < 0.2) {
      await attempt(() => refundSomething(s, accountId, when));
    } else if (roll < 0.215) {
      await attempt(() =>
        s.run(
          when,
          dana,
          "ChangeBillingContact",
          {
            accountId,
            billingEmail: `ap@${accountId}.example`,
            contactName: r.pick(["Ana Lima", "Jon Park", "Mia Chen", "Sam Idris"]),
          },
          { source: "ui" },
        ),
      );
    } else if (roll < 0.24) {
      await attempt(() =>
        s.run(
          when,
          supportDesk,
          "ScheduleCancellation",
          { accountId, when: "period_end" },
          { reason: r.pick(["Too expensive.", "Moved to a competitor.", "Company closed the project."]) },
        ),
      );
      break;
    }
  }
  await s.advance(accountId, s.now);
  return accountId;
}

async function seatsOf(s: Seeder, accountId: string): Promise<number> {
  const { state } = await s.runtime.store.loadAggregate(`subscription-${accountId}`, aggregates.subscription.decider);
  const sub = state as SubscriptionState;
  return "seats" in sub ? sub.seats : 1;
}

/** Dana refunds part of the latest paid invoice (a goodwill refund, with a reason). */
async function refundSomething(s: Seeder, accountId: string, when: Date) {
  const streams = await s.runtime.store.accountStreamIds(accountId);
  const invoiceId = streams.findLast((id) => id.startsWith("invoice-"))?.slice("invoice-".length);
  if (!invoiceId) return;
  const invoice = await s.invoice(invoiceId);
  const refundable = invoice.paid - invoice.refunded;
  if (refundable <= 100) return;
  await s.run(
    when,
    dana,
    "RefundPayment",
    // Below the four-eyes threshold: a goodwill refund one admin may give.
    {
      invoiceId,
      amount: Math.min(Math.floor(refundable / 4), 40_000),
      reason: "Goodwill refund after a support ticket.",
    },
    { source: "ui" },
  );
}
