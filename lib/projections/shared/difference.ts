/** One field where a read model disagrees with the aggregate replayed from events. */
export interface Difference {
  projection: string;
  /** The row's key (an account id, an invoice id). */
  key: string;
  /** A column name, or "row" for a row that is missing (or should not exist). */
  field: string;
  expected: unknown;
  actual: unknown;
}

/** The differences between what the events say and what the row holds; a missing row is one difference. */
export function compareFields(
  projection: string,
  key: string,
  expected: Record<string, unknown> | null,
  actual: Record<string, unknown> | null,
): Difference[] {
  if (expected === null && actual === null) return [];
  if (expected === null) return [{ projection, key, field: "row", expected: null, actual: "present" }];
  if (actual === null) return [{ projection, key, field: "row", expected: "present", actual: null }];
  return Object.entries(expected)
    .filter(([field, value]) => !Object.is(value, actual[field]))
    .map(([field, value]) => ({ projection, key, field, expected: value, actual: actual[field] }));
}

/** The ids to check: the given ones, or all known ones, optionally a random sample of them. */
export function idsToCheck(all: readonly string[], ids: readonly string[] | "all", sample?: number): string[] {
  const chosen = ids === "all" ? [...new Set(all)].sort() : [...ids];
  if (sample === undefined || sample >= chosen.length) return chosen;
  // Fisher-Yates on a copy: a check, not a projection, so randomness is fine here.
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
  }
  return chosen.slice(0, Math.max(0, sample)).sort();
}
