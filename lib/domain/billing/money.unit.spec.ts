import { describe, expect, it } from "vitest";
import { divideRoundHalfAwayFromZero, formatMoney, percentOf, ZPositiveAmount } from "./money";

describe("divideRoundHalfAwayFromZero", () => {
  it("rounds halves away from zero and everything else to the nearest", () => {
    expect(divideRoundHalfAwayFromZero(5n, 2n)).toBe(3);
    expect(divideRoundHalfAwayFromZero(-5n, 2n)).toBe(-3);
    expect(divideRoundHalfAwayFromZero(7n, 3n)).toBe(2);
    expect(divideRoundHalfAwayFromZero(8n, 3n)).toBe(3);
    expect(divideRoundHalfAwayFromZero(-8n, 3n)).toBe(-3);
    expect(divideRoundHalfAwayFromZero(5n, -2n)).toBe(-3);
    expect(Object.is(divideRoundHalfAwayFromZero(-1n, 3n), 0)).toBe(true); // never -0
  });

  it("is exact beyond float precision", () => {
    expect(divideRoundHalfAwayFromZero(9_007_199_254_740_991n * 3n, 3n)).toBe(9_007_199_254_740_991);
  });
});

describe("percentOf", () => {
  it("takes a percentage in whole minor units", () => {
    expect(percentOf(29700, 20)).toBe(5940);
    expect(percentOf(2950, 25)).toBe(738); // 737.5 -> 738
  });
});

describe("formatMoney", () => {
  it("formats minor units without floats", () => {
    expect(formatMoney(123456, "USD")).toBe("USD 1,234.56");
    expect(formatMoney(-5, "EUR")).toBe("EUR -0.05");
    expect(formatMoney(1200, "JPY")).toBe("JPY 1,200");
  });
});

describe("ZPositiveAmount", () => {
  it("accepts positive whole minor units only", () => {
    expect(ZPositiveAmount.safeParse(1999).success).toBe(true);
    expect(ZPositiveAmount.safeParse(19.99).error?.issues[0]?.message).toMatch(/whole number of minor units/);
    expect(ZPositiveAmount.safeParse(0).success).toBe(false);
    expect(ZPositiveAmount.safeParse("100").success).toBe(false);
  });
});
