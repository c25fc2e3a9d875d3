import fc from "fast-check";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { parseTimestamptz } from "./timestamptz";

const pgParse = pg.types.getTypeParser(1184, "text") as (value: string) => Date | number;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The server's text form of a timestamptz: fraction of 0–6 digits, zone ±HH or ±HH:MM. */
const serverText = fc
  .record({
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.stringMatching(/^\d{0,6}$/),
    zone: fc.constantFrom("+00", "-08", "+05:30", "-03:30", "+14", "+00:45"),
  })
  .map(
    (t) =>
      `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}` +
      `${t.fraction ? `.${t.fraction}` : ""}${t.zone}`,
  );

describe("parseTimestamptz", () => {
  test("reads the server's text form as pg's own parser does", () => {
    fc.assert(
      fc.property(serverText, (text) => {
        expect(parseTimestamptz(text).getTime()).toBe((pgParse(text) as Date).getTime());
      }),
      { numRuns: 5_000 },
    );
  });

  test.each([
    ["2026-12-04 10:00:00+00", "2026-12-04T10:00:00.000Z"],
    ["2026-12-04 10:00:00.5+00", "2026-12-04T10:00:00.500Z"],
    ["2026-12-04 10:00:00.123456+00", "2026-12-04T10:00:00.123Z"],
    ["2026-12-04 15:30:00.25+05:30", "2026-12-04T10:00:00.250Z"],
    ["2026-12-04 02:00:00-08", "2026-12-04T10:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(parseTimestamptz(text).toISOString()).toBe(iso);
  });

  test.each([
    "0099-01-01 00:00:00+00",
    "2000-01-01 00:00:00+00 BC",
    "1900-01-01 00:00:00+00:19:32",
    "12345-01-01 00:00:00+00",
  ])("leaves what it does not read fast to pg's parser: %s", (text) => {
    expect(parseTimestamptz(text).getTime()).toBe((pgParse(text) as Date).getTime());
  });

  test("infinities come back as pg's parser gives them", () => {
    expect(parseTimestamptz("infinity")).toBe(Infinity);
    expect(parseTimestamptz("-infinity")).toBe(-Infinity);
  });
});
