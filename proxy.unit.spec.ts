import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { proxy } from "./proxy";

describe("proxy", () => {
  test("a page address with a NUL (%00) is a 400, not a database error", async () => {
    for (const address of ["/search?q=a%00b", "/accounts/a%00b", "/accounts/acme?actor=%00"]) {
      const response = proxy(new NextRequest(`http://ledgerline.test${address}`));
      expect(response.status, address).toBe(400);
    }
  });

  test("passes other pages on with their address", () => {
    const response = proxy(new NextRequest("http://ledgerline.test/search?q=100%2500%20%27%3B"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-request-x-ledgerline-address")).toBe("/search?q=100%2500%20%27%3B");
  });
});
