import { InvalidInputError } from "@/lib/errors";

/**
 * PostgreSQL's text and jsonb cannot hold U+0000, so a NUL in a search, a
 * filter, an id or a body failed in the database as a 500. Nothing we store
 * or look up can contain one: such input is refused up front as invalid.
 */

/** An address (path or query) with an escaped NUL (%00) in it. */
export const hasEscapedNul = (address: string): boolean => /%00/i.test(address);

/** Where in a parsed value (a JSON body, an action's input) a string or key holds a NUL, or null. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return path;
      const found = nulPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Throws a 400 naming where the NUL is. */
export function refuseNul(value: unknown, path: string): void {
  const found = nulPath(value, path);
  if (found)
    throw new InvalidInputError("Text may not contain a NUL character (U+0000)", [
      { path: found, message: "contains U+0000" },
    ]);
}

/** The same for a request's address. */
export function refuseEscapedNul(address: string): void {
  if (hasEscapedNul(address)) {
    throw new InvalidInputError("The address may not contain a NUL character (%00)", [
      { path: "url", message: "contains %00" },
    ]);
  }
}
