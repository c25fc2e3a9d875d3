import { randomUUID } from "node:crypto";

/**
 * Personal data (names, emails) never sits in the immutable log itself: an
 * event stores a reference {"$pd": id} to a row of personal_data, and the hash
 * covers the reference. Erasing an account's personal data (a GDPR request)
 * clears those rows; the events and their hash chain stay intact.
 */
export const ERASED = "[erased]";

export interface PersonalDataRow {
  id: string;
  accountId: string;
  value: string;
}

interface Ref {
  $pd: string;
}

const isRef = (value: unknown): value is Ref =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Ref).$pd === "string" &&
  Object.keys(value).length === 1;

/** Replaces the personal fields' string values with references. */
export function extractPersonalData(
  data: Record<string, unknown>,
  paths: readonly string[] | undefined,
  accountId: string,
): { stored: Record<string, unknown>; rows: PersonalDataRow[] } {
  if (!paths?.length) return { stored: data, rows: [] };
  const stored = structuredClone(data);
  const rows: PersonalDataRow[] = [];
  for (const path of paths) {
    const keys = path.split(".");
    let parent: Record<string, unknown> | undefined = stored;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = parent?.[key];
      parent = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : undefined;
    }
    const last = keys[keys.length - 1]!;
    const value = parent?.[last];
    if (parent && typeof value === "string") {
      const id = randomUUID();
      rows.push({ id, accountId, value });
      parent[last] = { $pd: id } satisfies Ref;
    }
  }
  return { stored, rows };
}

/** Every reference in a stored value. */
export function collectPersonalDataRefs(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (isRef(value)) into.add(value.$pd);
  else if (Array.isArray(value)) value.forEach((item) => collectPersonalDataRefs(item, into));
  else if (typeof value === "object" && value !== null) {
    Object.values(value).forEach((item) => collectPersonalDataRefs(item, into));
  }
  return into;
}

/** Puts the values back; an erased or missing one reads as "[erased]". */
export function resolvePersonalData<T>(value: T, values: ReadonlyMap<string, string | null>): T {
  if (isRef(value)) return (values.get(value.$pd) ?? ERASED) as T;
  if (Array.isArray(value)) return value.map((item) => resolvePersonalData(item, values)) as T;
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolvePersonalData(item, values)]),
    ) as T;
  }
  return value;
}
