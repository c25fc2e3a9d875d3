/**
 * Calendar arithmetic in UTC on ISO-8601 instants. Pure: the current time
 * always comes from a command's context, never from a clock.
 */

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch; throws on a malformed instant (a caller bug, not a business rule). */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO-8601 instant: ${JSON.stringify(iso)}`);
  return ms;
}

/** The canonical form stored in events and state: `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function normalizeInstant(iso: string): string {
  return new Date(instantMs(iso)).toISOString();
}

/** a <= b, comparing instants (not strings, so offsets and precision do not matter). */
export function isAtOrBefore(a: string, b: string): boolean {
  return instantMs(a) <= instantMs(b);
}

export function isBefore(a: string, b: string): boolean {
  return instantMs(a) < instantMs(b);
}

/** The latest of two instants, in canonical form. */
export function latestOf(a: string, b: string): string {
  return normalizeInstant(isBefore(a, b) ? b : a);
}

/** Whole UTC days since 1970-01-01 of the calendar day the instant falls on. */
export function utcDayNumber(iso: string): number {
  return Math.floor(instantMs(iso) / DAY_MS);
}

/** The UTC calendar date, `YYYY-MM-DD`. */
export function utcDate(iso: string): string {
  return normalizeInstant(iso).slice(0, 10);
}

export function addUtcDays(iso: string, days: number): string {
  return new Date(instantMs(iso) + days * DAY_MS).toISOString();
}

/**
 * Adds calendar months keeping the time of day; a day that does not exist in
 * the target month is clamped to its last day (Jan 31 + 1 month = Feb 28/29).
 */
export function addUtcMonths(iso: string, months: number): string {
  const d = new Date(instantMs(iso));
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  ).toISOString();
}
