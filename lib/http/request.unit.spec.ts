import { describe, expect, test } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { Database } from "@/lib/db/types";
import { InvalidInputError, PayloadTooLargeError, UnauthorizedError } from "@/lib/errors";
import { errorResponse } from "./errors";
import {
  apiRoute,
  authenticate,
  MAX_BODY_BYTES,
  MAX_DRAINED_BYTES,
  parseJson,
  readRawBody,
  sessionSecret,
} from "./request";

const withCookie = (cookie: string) => new Request("http://test/api/x", { headers: { cookie } });

describe("sessionSecret", () => {
  test("reads the session cookie among others, %-decoded", () => {
    expect(sessionSecret(withCookie(`a=1; ${SESSION_COOKIE}=tok%2Fen=; b=2`))).toBe("tok/en=");
    expect(sessionSecret(withCookie("a=1"))).toBeNull();
  });

  test("a malformed %-escape is no session, not an error", () => {
    expect(sessionSecret(withCookie(`${SESSION_COOKIE}=bad%E0%A4%A`))).toBeNull();
    expect(sessionSecret(withCookie(`${SESSION_COOKIE}=%`))).toBeNull();
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

describe("text PostgreSQL cannot store", () => {
  const issuesOf = (raw: string) => {
    try {
      parseJson(raw);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as InvalidInputError).issues;
    }
  };

  test("a JSON body with a NUL character or a lone surrogate is a 400 naming the field", () => {
    expect(issuesOf('{"name":"a\\u0000b"}')).toEqual([{ path: "body.name", message: expect.stringMatching(/NUL/) }]);
    expect(issuesOf('{"lines":[{"description":"\\ud800"}]}')).toEqual([
      { path: "body.lines.0.description", message: expect.stringMatching(/lone UTF-16 surrogate/) },
    ]);
    expect(parseJson('{"name":"\\ud83e\\uddfe Ltd"}')).toEqual({ name: "🧾 Ltd" });
  });

  test("%00 in the address is a 400 before the handler runs", async () => {
    let called = false;
    const route = apiRoute(async () => {
      called = true;
      return Response.json({});
    }, errorResponse);
    const response = await route(new Request("http://test/api/accounts/a%00b/timeline"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "INVALID_INPUT", issues: [{ path: "path" }] });
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(called).toBe(false);
    expect((await route(new Request("http://test/api/accounts/acme/timeline?actor=x"))).status).toBe(200);
  });
});

describe("readRawBody", () => {
  /** A body of `total` bytes in 16 KiB chunks, sent without a Content-Length; says how it was consumed. */
  function streamed(total: number) {
    const seen = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(16 * 1024, total - seen.pulled)).fill(120);
        seen.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    const request = new Request("http://test/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
    return { request, seen };
  }

  test("a body over 64 KiB without a Content-Length is read to its end, kept nowhere, then refused with 413", async () => {
    const { request, seen } = streamed(300 * 1024);
    await expect(readRawBody(request)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // Not cancelled: cancelling resets the connection, and the client's next request on it with it.
    expect(seen).toEqual({ pulled: 300 * 1024, cancelled: false });
  });

  test("an endless one is cut off once MAX_DRAINED_BYTES have been read", async () => {
    const { request, seen } = streamed(Number.MAX_SAFE_INTEGER);
    await expect(readRawBody(request)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(MAX_DRAINED_BYTES + 64 * 1024);
  });

  test("a declared Content-Length over 64 KiB is refused before reading; 64 KiB exactly is read", async () => {
    const big = new Request("http://test/api/x", {
      method: "POST",
      body: "x".repeat(MAX_BODY_BYTES + 1),
      headers: { "content-length": String(MAX_BODY_BYTES + 1) },
    });
    await expect(readRawBody(big)).rejects.toBeInstanceOf(PayloadTooLargeError);
    const { request } = streamed(MAX_BODY_BYTES);
    expect(await readRawBody(request)).toHaveLength(MAX_BODY_BYTES);
  });
});
