import { describe, expect, test } from "vitest";
import { evidenceFilename, parseEvidencePeriod, sliceOf } from "./period";

const parse = (query: string) => parseEvidencePeriod(new URLSearchParams(query));

describe("evidence period", () => {
  test("positions and business times, either end open, mixed kinds allowed", () => {
    expect(sliceOf("acme", parse(""))).toEqual({ accountId: "acme" });
    expect(sliceOf("acme", parse("from=12&to=2026-03-01T12:00:00Z"))).toEqual({
      accountId: "acme",
      fromPosition: 12,
      toTime: new Date("2026-03-01T12:00:00Z"),
    });
    expect(sliceOf("acme", parse("from=2026-03-01&to=40"))).toMatchObject({ fromTime: new Date("2026-03-01") });
    expect(sliceOf("acme", parse("from=7&to=7"))).toMatchObject({ fromPosition: 7, toPosition: 7 });
  });

  test("refuses other parameters, unreadable values and periods that run backwards", () => {
    for (const query of ["from=yesterday", "to=", "at=5", "from=8&to=7", "from=2026-03-01&to=2026-03-01"]) {
      expect(() => parse(query), query).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  test("file names are safe on any file system", () => {
    expect(evidenceFilename("acme", parse(""))).toBe("evidence-acme-start-end.json");
    expect(evidenceFilename("a/b c", parse("from=3&to=2026-03-01T12:30:00.250Z"))).toBe(
      "evidence-a_b_c-3-2026-03-01T123000.250Z.json",
    );
  });
});
