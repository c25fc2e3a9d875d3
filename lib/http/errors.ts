import { DomainError } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { ConcurrencyError, EventValidationError } from "@/lib/event-store";

/** What a caller is told about an error: its status and body. Unexpected errors are logged and hidden. */
export function describeError(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: error.code, message: error.message, ...error.details } };
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
  console.error(`[ledgerline] ${requestId}: unexpected error:`, error);
  const message = `Something went wrong on our side. Quote request id ${requestId} when you report it.`;
  return { status: 500, body: { error: "INTERNAL", message, requestId } };
}

export type ErrorBody = { error: string; message: string } & Record<string, unknown>;

/** Every error becomes `{ error, message, ... }` with its status. */
export function errorResponse(error: unknown, requestId: string): Response {
  const { status, body } = describeError(error, requestId);
  return Response.json(body, { status, headers: { "x-request-id": requestId } });
}
