/**
 * A command the business rules reject. `code` is stable (API clients match on
 * it; HTTP 422 carries it as `error`); `message` is a sentence a support agent
 * can read to a customer.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function reject(code: string, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}
