import { describe, expect, test } from "vitest";
import { STREAM_KINDS } from "@/lib/domain";
import { readPageFilters } from "./filters";

describe("readPageFilters", () => {
  test("a repeated parameter means the same as a comma-separated one", () => {
    const { filters, problems } = readPageFilters({ types: ["PlanUpgraded", "InvoiceIssued"], actor: "user-dana" });
    expect(problems).toEqual([]);
    expect(filters).toEqual({ types: ["PlanUpgraded", "InvoiceIssued"], actor: "user-dana" });
  });

  test("a bad stream filter is reported naming every stream kind, and left out", () => {
    const { filters, problems } = readPageFilters({ streams: "nonsense", cursor: "12" });
    expect(filters).toEqual({ cursor: 12 });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("streams");
    for (const kind of STREAM_KINDS) expect(problems[0]!.message).toContain(kind);
  });
});
