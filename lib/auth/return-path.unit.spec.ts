import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeReturnPath("/accounts/acme?before=40")).toBe("/accounts/acme?before=40");
  });

  it.each([undefined, null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "accounts"])(
    "sends %j to the overview instead",
    (next) => expect(safeReturnPath(next)).toBe("/"),
  );
});
