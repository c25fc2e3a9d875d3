import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { ADDRESS_HEADER, proxy } from "./proxy";

const at = (url: string) => proxy(new NextRequest(`http://ledgerline.test${url}`));

describe("proxy", () => {
  test("a malformed %-escape in an API path is the API's JSON 404, not the router's 500", async () => {
    for (const path of ["/api/commands/%zz", "/api/accounts/%E0%A4%A/timeline", "/api/streams/%ED%A0%80"]) {
      const response = at(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: "NOT_FOUND", message: expect.stringMatching(/%-escape/) });
      expect(response.headers.get("x-request-id")).toBeTruthy();
    }
  });

  test("a well-formed API path goes on to its route untouched", () => {
    const response = at("/api/streams/invoice-%3A1");
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get(`x-middleware-request-${ADDRESS_HEADER}`)).toBeNull();
  });

  test("pages: a malformed escape is a 404; otherwise the address is passed on", async () => {
    expect(at("/accounts/%zz").status).toBe(404);
    const response = at("/accounts/acme?types=PlanUpgraded");
    expect(response.headers.get(`x-middleware-request-${ADDRESS_HEADER}`)).toBe("/accounts/acme?types=PlanUpgraded");
  });

  test("a page address with a NUL (%00) is a 400, not a database error", async () => {
    for (const address of ["/search?q=a%00b", "/accounts/a%00b", "/accounts/acme?actor=%00"]) {
      expect(at(address).status, address).toBe(400);
    }
  });
});
