import { formatMoney } from "@/lib/domain/billing/money";
import { planName } from "@/lib/domain/catalog/plans";

export { words } from "@/lib/timeline/renderers/format";

/** Money for people: "USD 99.00"; a dash when the account has no currency yet. */
export const moneyOrDash = (amount: number, currency: string | null) =>
  currency ? formatMoney(amount, currency) : "—";

export const planOrDash = (plan: string | null) => (plan ? planName(plan) : "—");

/** "2026-11-27 14:05 UTC": one unambiguous clock for everyone reading a dispute. */
export function dateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "2026-11-27 14:05:09 UTC": to the second, for event times. */
export function dateTimeSeconds(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Fields that hold minor units of the aggregate's currency, wherever they sit in a state or a change. */
const MONEY_FIELDS = new Set([
  "accountCredit",
  "amount",
  "amountOff",
  "balance",
  "charged",
  "creditApplied",
  "creditable",
  "credited",
  "creditedAmount",
  "creditCarriedForward",
  "mrr",
  "mrrAfterCoupons",
  "openBalance",
  "paid",
  "refunded",
  "subtotal",
  "total",
  "unitAmount",
  "unitPrice",
  "unitPriceAfter",
  "unitPriceBefore",
]);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A field's value for people: money in the currency, times in UTC, lists and objects compactly. */
export function fieldValue(field: string | number | undefined, value: unknown, currency: string | null): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number" && typeof field === "string" && MONEY_FIELDS.has(field)) {
    return moneyOrDash(value, currency);
  }
  if (typeof value === "string" && ISO_TIME.test(value)) return dateTimeSeconds(value);
  if (Array.isArray(value))
    return value.length === 0 ? "none" : value.map((v) => fieldValue(field, v, currency)).join(", ");
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "—";
    return entries.map(([k, v]) => `${k}: ${fieldValue(k, v, currency)}`).join("; ");
  }
  return String(value);
}

/** A state's nested field path for people: ["payments", 0, "amount"] → "payments #1 › amount". */
export function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === "number") return `${text} #${part + 1}`;
    return text ? `${text} › ${part}` : part;
  }, "");
}
