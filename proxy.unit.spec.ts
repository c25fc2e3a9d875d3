import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { ADDRESS_HEADER, proxy } from "./proxy";

const at = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
  proxy(new NextRequest(`http://ledgerline.test${url}`, init));

describe("proxy", () => {
  test("a malformed %-escape in an API path is the API's JSON 404, not the router's 500", async () => {
    for (const path of ["/api/commands/%zz", "/api/accounts/%E0%A4%A/timeline", "/api/streams/%ED%A0%80"]) {
      const response = await at(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: "NOT_FOUND", message: expect.stringMatching(/%-escape/) });
      expect(response.headers.get("x-request-id")).toBeTruthy();
    }
  });

  test("a well-formed API path goes on to its route untouched", async () => {
    const response = await at("/api/streams/invoice-%3A1");
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get(`x-middleware-request-${ADDRESS_HEADER}`)).toBeNull();
  });

  test("pages: a malformed escape is a 404; otherwise the address is passed on", async () => {
    expect((await at("/accounts/%zz")).status).toBe(404);
    const response = await at("/accounts/acme?types=PlanUpgraded");
    expect(response.headers.get(`x-middleware-request-${ADDRESS_HEADER}`)).toBe("/accounts/acme?types=PlanUpgraded");
  });

  test("a page address with a NUL (%00) is a 400, not a database error", async () => {
    for (const address of ["/search?q=a%00b", "/accounts/a%00b", "/accounts/acme?actor=%00"]) {
      expect((await at(address)).status, address).toBe(400);
    }
  });

  test("a server-action post Next would answer with a 500 is refused first; a good one goes on", async () => {
    const action = (body: string, headers: Record<string, string> = {}) =>
      at("/projections", { method: "POST", body, headers: { "next-action": "7f00", ...headers } });
    expect((await action("not json")).status).toBe(400);
    expect((await action('["$1"]')).status).toBe(400);
    expect((await action(JSON.stringify([{ reason: "x".repeat(1_100_000) }]))).status).toBe(413);
    const form = await at("/projections", {
      method: "POST",
      body: "garbage",
      headers: { "content-type": "multipart/form-data; boundary=zzz" },
    });
    expect(form.status).toBe(400);
    const good = await action(JSON.stringify([{ projection: "invoices", reason: "$$5 off" }]));
    expect(good.headers.get("x-middleware-next")).toBe("1");
  });
});
