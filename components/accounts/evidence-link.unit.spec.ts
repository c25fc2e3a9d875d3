import { describe, expect, test } from "vitest";
import { evidenceHref } from "./evidence-link";

describe("evidenceHref", () => {
  test("the whole history, or a period", () => {
    expect(evidenceHref("acme")).toBe("/api/accounts/acme/evidence");
    expect(evidenceHref("acme", "12", "2026-03-01T00:00:00.000Z")).toBe(
      "/api/accounts/acme/evidence?from=12&to=2026-03-01T00%3A00%3A00.000Z",
    );
    expect(evidenceHref("a b", undefined, "40")).toBe("/api/accounts/a%20b/evidence?to=40");
  });
});
