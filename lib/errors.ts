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
