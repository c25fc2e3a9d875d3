import { formatMoney } from "@/lib/domain/billing/money";
import { utcDate } from "@/lib/domain/shared/time";
import type { FieldDifference } from "./rederive";

type Data = Record<string, unknown>;

const DERIVED = new Set(["amount", "chargeInvoiceId", "creditInvoiceId", "creditedAmount", "creditCarriedForward"]);

/**
 * Why a billing event's figures differ from what its decision gives today,
 * in words: the cause (days, price, seats, coupon, credit), not just the
 * amount, which follows from it.
 */
export function explainDifferences(
  type: string,
  recorded: Data,
  expected: Data,
  differences: FieldDifference[],
  currency: string,
): string[] {
  if (differences.some((d) => d.field === "event")) return [`its decision today gives ${differences[0]!.expected}`];
  const money = (value: unknown) => formatMoney(Number(value ?? 0), currency);
  const changed = new Set(differences.map((d) => d.field));
  const reasons: string[] = [];
  if (type === "ProrationApplied" && (changed.has("daysRemaining") || changed.has("daysUsed"))) {
    reasons.push(
      `prorated for ${String(recorded.daysRemaining)} of ${String(recorded.periodDays)} days remaining, but the change on ` +
        `${utcDate(String(recorded.changedAt))} left ${String(expected.daysRemaining)} of ${String(expected.periodDays)} days`,
    );
  }
  for (const field of ["unitPrice", "unitPriceAfter", "unitPriceBefore"]) {
    if (changed.has(field))
      reasons.push(
        `priced at ${money(recorded[field])} a seat; the price list in force says ${money(expected[field])}`,
      );
  }
  for (const field of ["seats", "seatsBefore", "seatsAfter"]) {
    if (changed.has(field))
      reasons.push(`billed for ${String(recorded[field])} seats; the subscription had ${String(expected[field])}`);
  }
  if (changed.has("discount")) {
    const off = (d: unknown) => (d ? money((d as { amount: number }).amount) : "no discount");
    reasons.push(`coupon discount ${off(recorded.discount)}; the coupon in force gives ${off(expected.discount)}`);
  }
  if (changed.has("creditApplied"))
    reasons.push(
      `account credit used ${money(recorded.creditApplied)}; the account had ${money(expected.creditApplied)} to use`,
    );
  const explained = new Set([
    "daysRemaining",
    "daysUsed",
    "periodDays",
    "unitPrice",
    "unitPriceAfter",
    "unitPriceBefore",
    "seats",
    "seatsBefore",
    "seatsAfter",
    "discount",
    "creditApplied",
    ...DERIVED,
  ]);
  for (const d of differences) {
    if (!explained.has(d.field))
      reasons.push(`${d.field} is ${JSON.stringify(d.recorded)}; re-derived ${JSON.stringify(d.expected)}`);
  }
  if (reasons.length === 0 && changed.has("amount"))
    reasons.push(`amount ${money(recorded.amount)}; re-derived ${money(expected.amount)}`);
  return reasons;
}

/** "overcharged by USD 12.00" / "undercharged by USD 3.00" for recorded − expected. */
export function describeDifference(difference: number, currency: string): string {
  return difference > 0
    ? `overcharged by ${formatMoney(difference, currency)}`
    : `undercharged by ${formatMoney(-difference, currency)}`;
}
