import pg from "pg";
import { describe, expect, test, vi } from "vitest";
import { NotFoundError, RETRY_AFTER_SECONDS } from "@/lib/errors";
import { errorResponse } from "./errors";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
    errno: -111,
    syscall: "connect",
  });
const statementTimeout = () =>
  Object.assign(new pg.DatabaseError("canceling statement due to statement timeout", 0, "error"), {
    code: "57014",
    severity: "ERROR",
  });

describe("errorResponse", () => {
  test("a database that cannot be reached is a 503 with Retry-After and a sentence for people", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const response = errorResponse(refused(), "req-1");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get("x-request-id")).toBe("req-1");
    const body = await response.json();
    expect(body).toEqual({
      error: "DATABASE_UNAVAILABLE",
      message: expect.stringMatching(/^The database cannot be reached right now .*try again in a few seconds/),
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
    expect(JSON.stringify(body)).not.toContain("ECONNREFUSED");
    expect(warn).toHaveBeenCalledWith("[ledgerline] req-1: database unavailable:", expect.any(String));
    warn.mockRestore();
  });

  test("a statement timeout is a 503 DATABASE_TIMEOUT with Retry-After", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const response = errorResponse(statementTimeout(), "req-2");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect((await response.json()).error).toBe("DATABASE_TIMEOUT");
    warn.mockRestore();
  });

  test("other errors keep their status and carry no Retry-After; a bug is still a 500", async () => {
    const missing = errorResponse(new NotFoundError("No such account."), "req-3");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("retry-after")).toBeNull();
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = errorResponse(new TypeError("x is undefined"), "req-4");
    expect(bug.status).toBe(500);
    expect(bug.headers.get("retry-after")).toBeNull();
    error.mockRestore();
  });
});
