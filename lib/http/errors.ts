import { DomainError } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { ConcurrencyError, EventValidationError } from "@/lib/event-store";

/** Every error becomes `{ error, message, ... }` with its status; unexpected ones are logged and hidden. */
export function errorResponse(error: unknown, requestId: string): Response {
  const headers = { "x-request-id": requestId };
  if (error instanceof AppError) {
    return Response.json(
      { error: error.code, message: error.message, ...error.details },
      { status: error.status, headers },
    );
  }
  if (error instanceof ConcurrencyError) {
    return Response.json(
      {
        error: "VERSION_CONFLICT",
        message: error.message,
        streamId: error.streamId,
        currentVersion: error.actualVersion,
      },
      { status: 409, headers },
    );
  }
  if (error instanceof DomainError) {
    return Response.json({ error: error.code, message: error.message, ...error.details }, { status: 422, headers });
  }
  if (error instanceof EventValidationError) {
    // Input the command schema let through but an event schema refused: still the caller's data.
    console.error(`[api] ${requestId}: event validation after command validation:`, error.message);
    return Response.json(
      { error: "INVALID_INPUT", message: error.message, issues: error.issues },
      { status: 400, headers },
    );
  }
  console.error(`[api] ${requestId}: unexpected error:`, error);
  return Response.json(
    {
      error: "INTERNAL",
      message: `Something went wrong on our side. Quote request id ${requestId} when you report it.`,
      requestId,
    },
    { status: 500, headers },
  );
}
