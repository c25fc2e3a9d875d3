import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A fresh id for a new aggregate (account, invoice, payment…): 12 lowercase
 * letters and digits (~62 bits), short enough to read out on a support call.
 * A collision can never overwrite anything: the new stream would already
 * exist, and the aggregate's own rules reject creating it twice.
 */
export function newId(): string {
  const bytes = randomBytes(12);
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return id;
}
