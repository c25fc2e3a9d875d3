import { describe, expect, test } from "vitest";
import { periodFromBounds, periodOf, ZPeriodQuery } from "./period";

const parse = (q: Record<string, string>) => ZPeriodQuery.safeParse(q);

describe("reconciliation periods", () => {
  test("a month is [first day, first day of the next month); a range includes its last day", () => {
    const march = periodOf(parse({ period: "2026-12" }).data!);
    expect([march.from.toISOString(), march.to.toISOString()]).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
    const range = periodOf(parse({ from: "2026-02-27", to: "2026-03-01" }).data!);
    expect(range.to.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(range.label).toBe("2026-02-27 to 2026-03-01");
    // Stored bounds name the same period again.
    expect(periodFromBounds(march.from, march.to).params).toEqual({ period: "2026-12" });
    expect(periodFromBounds(range.from, range.to).params).toEqual({ from: "2026-02-27", to: "2026-03-01" });
  });

  test("bad periods are refused in words", () => {
    const message = (q: Record<string, string>) => parse(q).error?.issues[0]?.message;
    expect(message({ period: "2026-13" })).toBe("period must be a month, YYYY-MM (e.g. 2026-08)");
    expect(message({ from: "2026-02-30", to: "2026-03-01" })).toBe("from is not a calendar day");
    expect(message({ period: "2026-01", from: "2026-01-01", to: "2026-01-02" })).toBe(
      "give either period or from and to, not both",
    );
    expect(message({ from: "2026-01-01" })).toBe("give a period (YYYY-MM) or both from and to (YYYY-MM-DD)");
    expect(message({ from: "2025-01-01", to: "2026-01-02" })).toBe("a range spans at most 366 days");
  });
});
