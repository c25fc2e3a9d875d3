import { DEMO_CALLERS } from "../demo-actors";
import { invoicesOf, type Seeder } from "../seeder";

/** The day Pro monthly went from USD 99 to USD 119 per seat (decided twenty days before). */
export const PRICE_CHANGE_DAY = -180;

/**
 * The price list is event-sourced: Dana changed Pro monthly from USD 99.00 to
 * USD 119.00 per seat from day -180. Recorded before any other story, so every
 * decision after that date (conversions, purchases, renewals) is priced from it.
 */
export async function priceChange(s: Seeder) {
  await s.run(
    s.at(PRICE_CHANGE_DAY - 20),
    DEMO_CALLERS.dana,
    "ChangePlanPrice",
    {
      plan: "pro",
      interval: "monthly",
      unitPrice: 11900,
      effectiveFrom: s.at(PRICE_CHANGE_DAY, 0).toISOString(),
      reason:
        "2026 pricing: Pro monthly goes to USD 119 per seat for new subscriptions and renewals from its effective date.",
    },
    { source: "ui" },
  );
}

const TRIALS = [
  ["brightwave", "Brightwave Media", -232, "convert"],
  ["cobalt", "Cobalt Freight", -225, "convert"],
  ["driftwood", "Driftwood Studios", -219, "cancel"],
  ["evergreen", "Evergreen Clinics", -211, "convert"],
  ["foxglove", "Foxglove Retail", -204, "convert-annual"],
  ["granite", "Granite Payroll", -199, "convert"],
  ["harbor", "Harbor & Finch", -193, "convert"],
  ["ironbark", "Ironbark Security", -186, "cancel"],
  ["juniper", "Juniper Schools", -180, "convert"],
  ["kestrel", "Kestrel Aviation", -172, "convert"],
  ["lumen", "Lumen Energy", -165, "convert"],
  ["meridian", "Meridian Travel", -158, "convert-annual"],
] as const;

/**
 * Trials of Pro that ended around the price change: those converted before
 * day -180 pay USD 99.00 per seat, those after USD 119.00 (annual conversions
 * keep the annual list price, which did not change).
 */
export async function trialsAroundThePriceChange(s: Seeder) {
  const { crm } = DEMO_CALLERS;
  for (const [id, name, day, outcome] of TRIALS) {
    const a = s.forAccount(id);
    await a.run(a.at(day), crm, "OpenAccount", {
      accountId: id,
      name,
      billingEmail: `billing@${id}.example`,
      currency: "USD",
    });
    await a.run(a.at(day, 11), crm, "StartTrial", { accountId: id, plan: "pro", seats: a.random.int(2, 12), days: 14 });
    if (outcome === "cancel") {
      await a.run(
        a.at(day + 12),
        DEMO_CALLERS.supportDesk,
        "ScheduleCancellation",
        { accountId: id, when: "now" },
        {
          reason: "Trial feedback: chose another tool.",
        },
      );
      continue;
    }
    const interval = outcome === "convert-annual" ? "annual" : "monthly";
    const converted = await a.run(a.at(day + 14, 9), crm, "ConvertTrial", { accountId: id, interval });
    await a.pay(a.at(day + 14, 10), invoicesOf(converted));
  }
  return TRIALS.map(([id]) => id);
}
