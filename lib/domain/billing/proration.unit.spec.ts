import { describe, expect, it } from "vitest";
import { prorate } from "./proration";

const monthly = { periodStart: "2025-01-15T10:00:00Z", periodEnd: "2025-02-15T10:00:00Z" }; // 31 days

describe("prorate", () => {
  it("upgrade Pro to Enterprise, 3 seats, 21 of 31 days left: 120000 * 21 / 31 = 81290.32 -> 81290", () => {
    expect(
      prorate({
        ...monthly,
        fromUnitPrice: 9900,
        fromSeats: 3,
        toUnitPrice: 49900,
        toSeats: 3,
        at: "2025-01-25T09:00:00Z",
      }),
    ).toEqual({
      amount: 81290,
      periodDays: 31,
      daysUsed: 10,
      daysRemaining: 21,
    });
  });

  it("rounds .806 up: Starter to Pro, 1 seat, 1 day left: 7000 / 31 = 225.81 -> 226", () => {
    expect(
      prorate({
        ...monthly,
        fromUnitPrice: 2900,
        fromSeats: 1,
        toUnitPrice: 9900,
        toSeats: 1,
        at: "2025-02-14T23:59:59Z",
      }).amount,
    ).toBe(226);
  });

  it("rounds .06 down, and negative amounts symmetrically: 70000 / 31 = 2258.06", () => {
    const base = { ...monthly, fromSeats: 1, toSeats: 1, at: "2025-02-05T00:00:00Z" };
    expect(prorate({ ...base, fromUnitPrice: 2900, toUnitPrice: 9900 }).amount).toBe(2258);
    expect(prorate({ ...base, fromUnitPrice: 9900, toUnitPrice: 2900 }).amount).toBe(-2258);
  });

  it("annual Enterprise to Pro, 2 seats, 100 days used of 365: -800000 * 265 / 365 = -580821.92 -> -580822", () => {
    expect(
      prorate({
        periodStart: "2025-01-01T00:00:00Z",
        periodEnd: "2026-01-01T00:00:00Z",
        fromUnitPrice: 499000,
        fromSeats: 2,
        toUnitPrice: 99000,
        toSeats: 2,
        at: "2025-04-11T08:00:00Z",
      }),
    ).toEqual({ amount: -580822, periodDays: 365, daysUsed: 100, daysRemaining: 265 });
  });

  it("counts whole UTC calendar days: the change's day counts as remaining, whatever the hour", () => {
    const early = prorate({
      ...monthly,
      fromUnitPrice: 100,
      fromSeats: 1,
      toUnitPrice: 200,
      toSeats: 1,
      at: "2025-01-15T00:00:01Z",
    });
    const late = prorate({
      ...monthly,
      fromUnitPrice: 100,
      fromSeats: 1,
      toUnitPrice: 200,
      toSeats: 1,
      at: "2025-01-15T23:59:59Z",
    });
    expect(early).toEqual(late);
    expect(early).toMatchObject({ daysUsed: 0, daysRemaining: 31, amount: 100 });
    // Offsets are converted to UTC first: 2025-01-16T01:00+02:00 is still the 15th in UTC.
    expect(
      prorate({
        ...monthly,
        fromUnitPrice: 100,
        fromSeats: 1,
        toUnitPrice: 200,
        toSeats: 1,
        at: "2025-01-16T01:00:00+02:00",
      }).daysUsed,
    ).toBe(0);
  });

  it("is zero once the period is over, and clamps changes before it started", () => {
    expect(
      prorate({
        ...monthly,
        fromUnitPrice: 100,
        fromSeats: 1,
        toUnitPrice: 200,
        toSeats: 1,
        at: "2025-03-01T00:00:00Z",
      }),
    ).toMatchObject({
      amount: 0,
      daysRemaining: 0,
    });
    expect(
      prorate({
        ...monthly,
        fromUnitPrice: 100,
        fromSeats: 1,
        toUnitPrice: 200,
        toSeats: 1,
        at: "2025-01-01T00:00:00Z",
      }),
    ).toMatchObject({
      daysUsed: 0,
      amount: 100,
    });
  });
});
