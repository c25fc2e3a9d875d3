import type { Database } from "@/lib/db/types";
import type { EventStore } from "@/lib/event-store";

/** What the page queries read: the read models' database and the event store (the process Runtime fits). */
export interface QueryDeps {
  db: Database;
  store: EventStore;
}

export type SearchParams = Record<string, string | string[] | undefined>;

export const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A positive whole number from a URL (a cursor, a version); anything else is dropped, not an error page. */
export function positiveInt(value: string | string[] | undefined): number | undefined {
  const text = one(value);
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}

/**
 * A route segment as the id it names. Ids never contain '%', so decoding is
 * harmless when the router has already decoded it and needed when it has not
 * (':' arrives as %3A); a malformed escape names nothing (null).
 */
export function routeId(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
