import { createHash } from "node:crypto";
import { DomainError } from "@/lib/domain";
import { IdempotencyKeyConflictError, NotFoundError } from "@/lib/errors";
import { canonicalJson, IdempotencyKeyReusedError, IdempotentRejectionReplay } from "@/lib/event-store";

/** Fingerprint of a request: a repeat must carry the same command and data as the first. */
export function requestHashOf(type: string, data: unknown): string {
  return createHash("sha256").update(canonicalJson({ type, data })).digest("hex");
}

/** Rejections worth replaying to a repeat: business-rule refusals and missing targets. */
export type StoredRejection =
  | { kind: "domain"; code: string; message: string; details: Record<string, unknown> }
  | { kind: "not_found"; message: string };

export function toStoredRejection(error: unknown): StoredRejection | null {
  if (error instanceof DomainError)
    return { kind: "domain", code: error.code, message: error.message, details: error.details };
  if (error instanceof NotFoundError) return { kind: "not_found", message: error.message };
  return null;
}

/** Turns the store's idempotency signals into the errors the first request got (or a key conflict). */
export function translateIdempotencyError(error: unknown, key: string): unknown {
  if (error instanceof IdempotencyKeyReusedError) return new IdempotencyKeyConflictError(key);
  if (error instanceof IdempotentRejectionReplay) {
    const rejection = error.rejection as StoredRejection;
    return rejection.kind === "domain"
      ? new DomainError(rejection.code, rejection.message, rejection.details)
      : new NotFoundError(rejection.message);
  }
  return error;
}
