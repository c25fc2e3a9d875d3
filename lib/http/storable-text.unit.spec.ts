import { describe, expect, test } from "vitest";
import { findUnstorable, findUnstorableInUrl, unstorable } from "./storable-text";

describe("unstorable", () => {
  test("a NUL character and a lone surrogate cannot be stored; paired surrogates (emoji) can", () => {
    expect(unstorable("a\u0000b")).toMatch(/NUL/);
    expect(unstorable("a\ud800b")).toMatch(/lone UTF-16 surrogate/);
    expect(unstorable("\udc00")).toMatch(/lone UTF-16 surrogate/);
    expect(unstorable("x\ud83e")).toMatch(/lone UTF-16 surrogate/);
    expect(unstorable("🧾 Ärger ＡＣＭＥ \u202e")).toBeNull();
  });
});

describe("findUnstorable", () => {
  test("names the first bad string or key by its path", () => {
    expect(findUnstorable({ name: "ok", lines: [{ description: "x\u0000" }] }, "body")).toEqual({
      path: "body.lines.0.description",
      message: expect.stringMatching(/NUL/),
    });
    expect(findUnstorable({ ["k\ud800"]: 1 }, "body")).toMatchObject({ path: "body.k\ud800" });
    expect(findUnstorable({ name: "Northwind", seats: 3, tags: ["a", null] }, "body")).toBeNull();
  });

  test("walks thousands of levels without running out of stack", () => {
    const deep = JSON.parse(`${"[".repeat(20_000)}"\\u0000"${"]".repeat(20_000)}`) as unknown;
    expect(findUnstorable(deep, "body")?.message).toMatch(/NUL/);
  });

  test("ends on input that contains itself (a server action's arguments may), and still finds a bad string", () => {
    const looped: Record<string, unknown>[] = [{ name: "ok" }];
    looped[0]!.self = looped;
    expect(findUnstorable(looped, "input")).toBeNull();
    looped[0]!.note = "a\u0000b";
    expect(findUnstorable(looped, "input")).toMatchObject({ path: "input.0.note" });
  });
});

describe("findUnstorableInUrl", () => {
  test("%00 in a path segment or a query parameter; malformed escapes are left to the router", () => {
    expect(findUnstorableInUrl(new URL("http://x/api/accounts/a%00b/timeline"))).toMatchObject({ path: "path" });
    expect(findUnstorableInUrl(new URL("http://x/api/accounts/acme/timeline?actor=%00"))).toMatchObject({
      path: "query.actor",
    });
    expect(findUnstorableInUrl(new URL("http://x/api/accounts/%zz?from=%E0%A4%A"))).toBeNull();
    expect(findUnstorableInUrl(new URL("http://x/api/streams/invoice-%3A1?at=2026-01-01"))).toBeNull();
  });
});
