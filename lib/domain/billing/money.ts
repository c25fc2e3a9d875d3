import { z } from "zod";

/**
 * Money is an integer number of minor units (cents) plus an ISO 4217 code.
 * No floats anywhere: arithmetic that divides goes through BigInt and rounds
 * with the one rule below.
 */

export const ZCurrency = z
  .string({ error: "currency is required" })
  .regex(/^[A-Z]{3}$/, { error: "currency must be an ISO 4217 code in capitals, e.g. USD" });
export type Currency = z.output<typeof ZCurrency>;

/** Largest amount a single command may move: 10^12 minor units (10 billion in a 2-decimal currency). */
export const MAX_AMOUNT = 1_000_000_000_000;

/** A positive amount in minor units, as commands take it. */
export const ZPositiveAmount = z
  .number({ error: "amount must be a number of minor units (e.g. cents)" })
  .int({ error: "amount must be a whole number of minor units (e.g. 1999 for 19.99), not a decimal" })
  .positive({ error: "amount must be greater than zero" })
  .max(MAX_AMOUNT, { error: `amount must be at most ${MAX_AMOUNT} minor units` });

/** A non-negative amount in minor units (balances, totals). */
export const ZMinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A signed amount in minor units (proration, discount lines). */
export const ZSignedMinorUnits = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/**
 * numerator / denominator rounded half away from zero (2.5 -> 3, -2.5 -> -3,
 * 2.4 -> 2), computed exactly with BigInt. The domain's only rounding rule.
 */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new Error("Division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  const result = Number(negative ? -quotient : quotient);
  if (!Number.isSafeInteger(result)) throw new Error("Amount out of range");
  return result === 0 ? 0 : result; // never -0
}

/** percent% of an amount, rounded half away from zero. */
export function percentOf(amount: number, percent: number): number {
  return divideRoundHalfAwayFromZero(BigInt(amount) * BigInt(percent), 100n);
}

const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"]);

/** How many minor units make one major unit (100 for USD, 1 for JPY). */
export function minorUnitsPerMajor(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 1 : 100;
}

/** "USD 1,234.50" / "USD -12.00": for descriptions and summaries, never for arithmetic. */
export function formatMoney(amount: number, currency: string): string {
  const per = BigInt(minorUnitsPerMajor(currency));
  const abs = BigInt(Math.abs(amount));
  const major = (abs / per).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const minor = per === 1n ? "" : `.${(abs % per).toString().padStart(2, "0")}`;
  return `${currency} ${amount < 0 ? "-" : ""}${major}${minor}`;
}
