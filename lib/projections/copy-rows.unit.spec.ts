import { describe, expect, test } from "vitest";
import { copyText, copyValue } from "./copy-rows";

describe("COPY text", () => {
  test("NULL is \\N, but a jsonb column's null is JSON null (as the JSON statement stores it)", () => {
    expect(copyValue(null, "text")).toBe("\\N");
    expect(copyValue(undefined, "timestamptz")).toBe("\\N");
    expect(copyValue(null, "jsonb")).toBe("null");
  });

  test("backslashes, tabs and line breaks are escaped, in text and inside JSON", () => {
    expect(copyValue("a\tb\nc\rd\\e", "text")).toBe("a\\tb\\nc\\rd\\\\e");
    // JSON.stringify already writes "\n" as backslash-n; COPY must then see a literal backslash.
    expect(copyValue({ note: 'line\nbreak "quoted" \\' }, "jsonb")).toBe(
      '{"note":"line\\\\nbreak \\\\"quoted\\\\" \\\\\\\\"}',
    );
  });

  test("numbers, booleans, dates and jsonb strings", () => {
    expect(copyValue(42, "integer")).toBe("42");
    expect(copyValue(false, "boolean")).toBe("false");
    expect(copyValue(new Date("2026-12-05T08:00:00.000Z"), "timestamptz")).toBe("2026-12-05T08:00:00.000Z");
    expect(copyValue("plain", "jsonb")).toBe('"plain"');
  });

  test("rows become tab-separated lines in the columns' order", () => {
    const columns = [
      ["id", "text"],
      ["n", "bigint"],
      ["state", "jsonb"],
    ] as const;
    expect(copyText(columns, [{ n: 1, id: "x", state: { a: 1 } }, { id: "y" }])).toBe('x\t1\t{"a":1}\ny\t\\N\tnull\n');
  });
});
