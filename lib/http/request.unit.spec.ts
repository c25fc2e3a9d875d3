import { describe, expect, test } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { Database } from "@/lib/db/types";
import { UnauthorizedError } from "@/lib/errors";
import { authenticate, sessionToken } from "./request";

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
