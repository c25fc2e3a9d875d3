import type { ValidationIssue } from "@/lib/event-store/errors";

/**
 * Expected failures outside the domain, each with the HTTP status it maps to
 * and a message for people. (Rule violations are DomainErrors; version
 * conflicts are the store's ConcurrencyErrors.)
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AppError {
  constructor(
    message: string,
    readonly issues: ValidationIssue[],
  ) {
    super(400, "INVALID_INPUT", message, { issues });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in, or send a valid API token as `Authorization: Bearer <token>`.") {
    super(401, "UNAUTHORIZED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, "FORBIDDEN", message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, "NOT_FOUND", message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(limitBytes / 1024)} KiB.`);
  }
}

export class IdempotencyKeyConflictError extends AppError {
  constructor(key: string) {
    super(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      `Idempotency key "${key}" was already used for a different request; use a new key for a new request.`,
    );
  }
}

/** Seconds a client is told to wait (Retry-After) when the database cannot serve a request: a restart takes a few. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The database is down, restarting, or did not answer in time (lib/db/unavailable.ts): nothing is wrong with
 * the request, so it is a 503 with Retry-After. A write whose connection broke may still have committed, which
 * is why the message points at Idempotency-Key: a retry with the same key is applied at most once.
 */
export class ServiceUnavailableError extends AppError {
  constructor(
    code: "DATABASE_UNAVAILABLE" | "DATABASE_TIMEOUT",
    message: string,
    readonly retryAfterSeconds = RETRY_AFTER_SECONDS,
  ) {
    super(503, code, message, { retryAfterSeconds });
  }
}
