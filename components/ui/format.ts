import { formatMoney } from "@/lib/domain/billing/money";
import { planName } from "@/lib/domain/catalog/plans";

/** Money for people: "USD 99.00"; a dash when the account has no currency yet. */
export const moneyOrDash = (amount: number, currency: string | null) =>
  currency ? formatMoney(amount, currency) : "—";

export const planOrDash = (plan: string | null) => (plan ? planName(plan) : "—");

/** "2026-11-27 14:05 UTC": one unambiguous clock for everyone reading a dispute. */
export function dateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** snake_case and camelCase codes as words: "past_due" → "past due". */
export function words(code: string): string {
  return code
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}
