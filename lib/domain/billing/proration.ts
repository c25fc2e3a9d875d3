import { utcDayNumber } from "../shared/time";
import { divideRoundHalfAwayFromZero } from "./money";

/**
 * Proration by whole UTC days.
 *
 *   periodDays    = UTC calendar days from periodStart's date to periodEnd's date
 *   daysUsed      = UTC calendar days from periodStart's date to the change's date,
 *                   clamped to [0, periodDays] (the day of the change is not used)
 *   daysRemaining = periodDays - daysUsed      (the day of the change counts as remaining)
 *   amount        = (toUnitPrice * toSeats - fromUnitPrice * fromSeats) * daysRemaining / periodDays
 *                   rounded half away from zero to a whole minor unit (BigInt, no floats)
 *
 * Positive = the customer owes it (charged); negative = the customer is owed it (credited).
 */
export interface ProrationInput {
  fromUnitPrice: number;
  fromSeats: number;
  toUnitPrice: number;
  toSeats: number;
  periodStart: string;
  periodEnd: string;
  /** When the change happens (the command's now). */
  at: string;
}

export interface Proration {
  amount: number;
  periodDays: number;
  daysUsed: number;
  daysRemaining: number;
}

export function prorate(input: ProrationInput): Proration {
  const periodDays = Math.max(0, utcDayNumber(input.periodEnd) - utcDayNumber(input.periodStart));
  const daysUsed = Math.min(periodDays, Math.max(0, utcDayNumber(input.at) - utcDayNumber(input.periodStart)));
  const daysRemaining = periodDays - daysUsed;
  if (periodDays === 0 || daysRemaining === 0) return { amount: 0, periodDays, daysUsed, daysRemaining };
  const difference =
    BigInt(input.toUnitPrice) * BigInt(input.toSeats) - BigInt(input.fromUnitPrice) * BigInt(input.fromSeats);
  const amount = divideRoundHalfAwayFromZero(difference * BigInt(daysRemaining), BigInt(periodDays));
  return { amount, periodDays, daysUsed, daysRemaining };
}
