/** Expected failures of the event store; each carries a message a person can act on. */

export type ExpectedVersion = number | "no_stream" | "any";

export class ConcurrencyError extends Error {
  override readonly name = "ConcurrencyError";
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      `Stream ${streamId} is at version ${actualVersion}, not ${
        expectedVersion === "no_stream" ? "new" : expectedVersion
      }: someone else changed it. Reload and try again.`,
    );
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. "data.billingEmail" or "metadata.actor.role". */
  path: string;
  message: string;
}

export class EventValidationError extends Error {
  override readonly name = "EventValidationError";
  constructor(
    message: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`${message}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/** An idempotency key came back with a different request than the one it first carried. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = "IdempotencyKeyReusedError";
  constructor(readonly key: string) {
    super(`Idempotency key "${key}" was already used for a different request; use a new key for a new request.`);
  }
}

/**
 * The first request with this idempotency key was rejected; a repeat gets the
 * same rejection. `rejection` is what the caller recorded (opaque to the store).
 */
export class IdempotentRejectionReplay extends Error {
  override readonly name = "IdempotentRejectionReplay";
  constructor(
    readonly key: string,
    readonly rejection: unknown,
  ) {
    super(`The first request with idempotency key "${key}" was rejected; this repeat gets the same answer.`);
  }
}
