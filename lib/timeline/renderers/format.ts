import { formatMoney } from "@/lib/domain/billing/money";
import { planName } from "@/lib/domain/catalog/plans";
import { isErased } from "@/lib/domain/shared/personal-data";
import { utcDate } from "@/lib/domain/shared/time";

/** A past-tense verb phrase without its subject, one per event type of the union `E`. */
export type RenderersOf<E extends { type: string; data: unknown }> = {
  [T in E["type"]]: (data: Extract<E, { type: T }>["data"]) => string;
};

export const money = (amount: number, currency: string) => formatMoney(amount, currency);

/** "5,000 minor units": an amount whose currency is not known (so neither are its decimals). */
export const minorUnits = (amount: number) => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} minor units`;

export const plan = planName;

/** YYYY-MM-DD, the UTC calendar date. */
export const day = utcDate;

export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export const perPeriod = (interval: "monthly" | "annual") => (interval === "annual" ? "year" : "month");

/** ": <text>" when there is text (reasons and notes). */
export const colon = (text: string | undefined) => (text ? `: ${text}` : "");

/** "Jane Roe (jane@acme.test)"; just "[erased]" when both were erased. */
export const person = (name: string, email: string) =>
  isErased(name) && isErased(email) ? name : `${name} (${email})`;

/** snake_case and CamelCase codes as words: "past_due" → "past due", "UpgradePlan" → "upgrade plan". */
export function words(code: string): string {
  return code
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}
