import { describe, expect, test } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { Database } from "@/lib/db/types";
import { InvalidInputError, UnauthorizedError } from "@/lib/errors";
import { errorResponse } from "./errors";
import { apiRoute, authenticate, parseJson, sessionToken } from "./request";

const withCookie = (cookie: string) => new Request("http://test/api/x", { headers: { cookie } });

describe("sessionToken", () => {
  test("reads the session cookie among others, %-decoded", () => {
    expect(sessionToken(withCookie(`a=1; ${SESSION_COOKIE}=tok%2Fen=; b=2`))).toBe("tok/en=");
    expect(sessionToken(withCookie("a=1"))).toBeNull();
  });

  test("a malformed %-escape is no session, not an error", () => {
    expect(sessionToken(withCookie(`${SESSION_COOKIE}=bad%E0%A4%A`))).toBeNull();
    expect(sessionToken(withCookie(`${SESSION_COOKIE}=%`))).toBeNull();
  });
});

describe("authenticate", () => {
  test("a GET with a malformed session cookie is a 401, as without one", async () => {
    // No token means no lookup, so the database is never touched.
    const db = {} as Database;
    await expect(authenticate(withCookie(`${SESSION_COOKIE}=%zz`), db)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(authenticate(new Request("http://test/api/x"), db)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe("NUL characters (PostgreSQL cannot store or compare them)", () => {
  test("in a JSON body: a 400 naming the field", () => {
    expect(() => parseJson('{"name":"Nul\\u0000Co"}')).toThrow(InvalidInputError);
    expect(parseJson('{"name":"O\'Brien <b>"}')).toEqual({ name: "O'Brien <b>" });
  });

  test("in an API address: a 400 before the handler runs", async () => {
    let ran = false;
    const route = apiRoute(async () => {
      ran = true;
      return Response.json({});
    }, errorResponse);
    const response = await route(new Request("http://test/api/accounts/acme/timeline?actor=a%00b"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "INVALID_INPUT", issues: [{ path: "url" }] });
    expect(ran).toBe(false);
  });
});
