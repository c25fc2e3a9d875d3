import { databaseFailureOf } from "@/lib/db/unavailable";
import { DomainError } from "@/lib/domain";
import { AppError, ServiceUnavailableError } from "@/lib/errors";
import { ConcurrencyError, EventValidationError } from "@/lib/event-store";

const RETRY_SAFELY =
  "Please try again in a few seconds; a retry with the same Idempotency-Key is applied at most once.";

const DATABASE_FAILURES = {
  unavailable: () =>
    new ServiceUnavailableError(
      "DATABASE_UNAVAILABLE",
      `The database cannot be reached right now (it may be restarting). ${RETRY_SAFELY}`,
    ),
  timeout: () =>
    new ServiceUnavailableError("DATABASE_TIMEOUT", `The database is too busy to answer in time. ${RETRY_SAFELY}`),
};

/** What a caller is told about an error: its status, body and headers. Unexpected errors are logged and hidden. */
export function describeError(error: unknown, requestId: string): DescribedError {
  if (error instanceof AppError) {
    const headers: Record<string, string> =
      error instanceof ServiceUnavailableError ? { "retry-after": String(error.retryAfterSeconds) } : {};
    return { status: error.status, body: { error: error.code, message: error.message, ...error.details }, headers };
  }
  if (error instanceof ConcurrencyError) {
    const body = {
      error: "VERSION_CONFLICT",
      message: error.message,
      streamId: error.streamId,
      currentVersion: error.actualVersion,
    };
    return { status: 409, body };
  }
  if (error instanceof DomainError) {
    return { status: 422, body: { error: error.code, message: error.message, ...error.details } };
  }
  if (error instanceof EventValidationError) {
    // Input the command schema let through but an event schema refused: still the caller's data.
    console.error(`[ledgerline] ${requestId}: event validation after command validation:`, error.message);
    return { status: 400, body: { error: "INVALID_INPUT", message: error.message, issues: error.issues } };
  }
  // The database down, restarting or too slow is no fault of the request nor of our code: 503, retry later.
  const failure = databaseFailureOf(error);
  if (failure) {
    console.warn(`[ledgerline] ${requestId}: database ${failure}:`, (error as Error).message?.split("\n").at(-1));
    return describeError(DATABASE_FAILURES[failure](), requestId);
  }
  console.error(`[ledgerline] ${requestId}: unexpected error:`, error);
  const message = `Something went wrong on our side. Quote request id ${requestId} when you report it.`;
  return { status: 500, body: { error: "INTERNAL", message, requestId } };
}

export type ErrorBody = { error: string; message: string } & Record<string, unknown>;

export interface DescribedError {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/** Every error becomes `{ error, message, ... }` with its status. */
export function errorResponse(error: unknown, requestId: string): Response {
  const { status, body, headers } = describeError(error, requestId);
  return Response.json(body, { status, headers: { ...headers, "x-request-id": requestId } });
}
