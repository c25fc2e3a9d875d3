import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateToken } from "@/lib/auth/api-tokens";
import type { Principal } from "@/lib/auth/permissions";
import type { Database } from "@/lib/db/types";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { sessionPrincipal } from "@/lib/auth/sessions";
import { InvalidInputError, PayloadTooLargeError, UnauthorizedError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store/registry";
import { readAtMost } from "./bounded-body";
import { findUnstorable, findUnstorableInUrl } from "./storable-text";

export const MAX_BODY_BYTES = 64 * 1024;

/** The caller's request id when it sends a sane one, else a new one; it ties logs, events and errors together. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * How much of a body sent without a Content-Length we read past the limit, and throw away, before the 413.
 * Cancelling the body mid-stream resets the connection: the client may never see the 413, and its next
 * request on that kept-alive connection fails too. Past this much, an abusive upload is cut off anyway.
 */
export const MAX_DRAINED_BYTES = 8 * 1024 * 1024;

/** Reads at most 64 KiB; a larger body is a 413 (a declared one before reading any of it). */
export async function readRawBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const { chunks, size, over } = await readAtMost(reader, MAX_BODY_BYTES);
  if (over) {
    await drain(reader, size);
    throw new PayloadTooLargeError(MAX_BODY_BYTES);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads the rest of a body and keeps none of it, up to MAX_DRAINED_BYTES in all; then gives up on it. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number): Promise<void> {
  for (let size = read; size <= MAX_DRAINED_BYTES;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
  }
  await reader.cancel();
}

export function parseJson(raw: string): unknown {
  if (raw.trim() === "") {
    throw new InvalidInputError("The request body is empty; send the command's data as JSON", [
      { path: "body", message: "expected a JSON object" },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new InvalidInputError("The request body is not valid JSON", [
      { path: "body", message: (error as Error).message },
    ]);
  }
  const unstorable = findUnstorable(parsed, "body");
  if (unstorable) throw new InvalidInputError("The request body holds text that cannot be stored", [unstorable]);
  return parsed;
}

/** The session cookie's secret (a signed-in person in the browser), if the request carries one. */
export function sessionSecret(request: Request): string | null {
  const cookie = request.headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      // A malformed %-escape is no token we issued: treated as no session, not a 500.
      return null;
    }
  }
  return null;
}

/**
 * `Authorization: Bearer <token>` → the token's principal, or 401. A GET from
 * the signed-in person's browser (an export link, the page's live check) may
 * use the session cookie instead; writes never do (no cross-site requests
 * can act on someone's behalf).
 */
export async function authenticate(request: Request, db: Database): Promise<Principal> {
  const header = request.headers.get("authorization");
  if (!header && request.method === "GET") {
    const secret = sessionSecret(request);
    const principal = secret ? await sessionPrincipal(db, secret) : null;
    if (principal) return principal;
  }
  if (!header) throw new UnauthorizedError();
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new UnauthorizedError("The Authorization header must be `Bearer <token>`.");
  const principal = await authenticateToken(db, match[1]!);
  if (!principal) throw new UnauthorizedError("This API token is unknown or revoked.");
  return principal;
}

/** If-Match: "<version>" → the expected stream version. */
export function parseIfMatch(request: Request): number | undefined {
  const header = request.headers.get("if-match");
  if (header === null) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InvalidInputError('If-Match must be the stream version you saw, e.g. If-Match: "3"', [
      { path: "headers.if-match", message: `"${header}" is not a version` },
    ]);
  }
  return Number(match[1]);
}

export function parseIdempotencyKey(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new InvalidInputError("Idempotency-Key must be 1 to 200 visible ASCII characters", [
      { path: "headers.idempotency-key", message: "invalid" },
    ]);
  }
  return key;
}

/**
 * Wraps a route handler: request id, and every error as a JSON response. A URL
 * whose path or query holds text PostgreSQL cannot store (%00) is refused
 * before the handler runs, whatever the route does with it.
 */
export function apiRoute<A extends unknown[]>(
  handler: (request: Request, requestId: string, ...args: A) => Promise<Response>,
  toResponse: (error: unknown, requestId: string) => Response,
) {
  return async (request: Request, ...args: A): Promise<Response> => {
    const requestId = requestIdOf(request);
    try {
      const unstorable = findUnstorableInUrl(new URL(request.url));
      if (unstorable) throw new InvalidInputError("The address holds text that cannot be stored", [unstorable]);
      const response = await handler(request, requestId, ...args);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return toResponse(error, requestId);
    }
  };
}

/** A query string against a strict schema: unknown parameters and bad values are a 400 naming them. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.output<T> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new InvalidInputError("Invalid query", zodIssues(parsed.error, "query"));
  return parsed.data;
}
