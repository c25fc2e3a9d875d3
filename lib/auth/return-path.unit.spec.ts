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

  // A browser strips tabs and line breaks from a Location and reads "\\" as "/": each of these would leave the site
  // (and a line break in a header is a 500).
  it.each(["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\t\\evil.example", "/\u0000/x", "/x\u007f"])(
    "refuses %j, which a browser would read as another host or which cannot be a header",
    (next) => expect(safeReturnPath(next)).toBe("/"),
  );

  it("keeps an escaped tab, which stays part of the path", () => {
    expect(safeReturnPath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(new URL("/%09/evil.example", "http://ledgerline.test").host).toBe("ledgerline.test");
  });
});
