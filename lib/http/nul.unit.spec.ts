import { describe, expect, test } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import { hasEscapedNul, nulPath, refuseNul } from "./nul";

describe("NUL characters, which PostgreSQL text cannot hold", () => {
  test("are found in strings, keys and nested values, with their path", () => {
    expect(nulPath({ a: [1, { b: "x\u0000" }] }, "body")).toBe("body.a.1.b");
    expect(nulPath({ "k\u0000": 1 }, "body")).toBe("body");
    expect(nulPath({ a: ["fine", 2, null, true] }, "body")).toBeNull();
  });

  test("are refused as invalid input", () => {
    expect(() => refuseNul({ name: "Nul\u0000Co" }, "body")).toThrow(InvalidInputError);
    expect(() => refuseNul({ name: "Quote ' and <b>" }, "body")).not.toThrow();
  });

  test("an escaped one in an address, in either case; an escaped percent sign followed by 00 is text", () => {
    expect(hasEscapedNul("/search?q=a%00b")).toBe(true);
    expect(hasEscapedNul("/accounts/a%00")).toBe(true);
    expect(hasEscapedNul("/search?q=100%2500")).toBe(false);
  });
});
