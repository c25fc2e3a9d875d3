import diff from "microdiff";
import type { AggregateAt } from "./account-at";

export type Path = (string | number)[];

/** One field of an aggregate between two points. */
export type FieldChange =
  | { kind: "added"; path: Path; after: unknown }
  | { kind: "removed"; path: Path; before: unknown }
  | { kind: "changed"; path: Path; before: unknown; after: unknown }
  | { kind: "unchanged"; path: Path; value: unknown };

/** One aggregate between two points: new, gone, changed or not, with its fields. */
export interface AggregateDiff {
  streamId: string;
  kind: string;
  status: "added" | "removed" | "changed" | "unchanged";
  fromVersion: number;
  toVersion: number;
  /** Its currency (for formatting money fields), when it has one. */
  currency: string | null;
  /** One line about it at the later point (or the earlier, when it is gone). */
  summary: string;
  fields: FieldChange[];
}

const isObject = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === "object" && value !== null;

/** Every leaf of a value with its path (an empty object or list is a leaf). */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (!isObject(value)) return [{ path, value }];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0) return [{ path, value }];
  return entries.flatMap(([key, child]) => leaves(child, [...path, key]));
}

const key = (path: Path) => JSON.stringify(path);
const within = (path: Path, prefix: Path) => prefix.every((part, i) => path[i] === part);

/**
 * Field-by-field differences between two states of one aggregate (microdiff:
 * nested fields, lists by index); with `unchanged`, also every field that
 * stayed the same, so the whole state can be shown.
 */
export function diffFields(before: unknown, after: unknown, { unchanged = false } = {}): FieldChange[] {
  const changes: FieldChange[] = diff(
    (isObject(before) ? before : {}) as Record<string, unknown>,
    (isObject(after) ? after : {}) as Record<string, unknown>,
  ).flatMap((d): FieldChange[] => {
    // A whole new (or gone) object or list reads better as its fields: "lines #1 › amount".
    if (d.type === "CREATE")
      return leaves(d.value, d.path).map((l) => ({ kind: "added", path: l.path, after: l.value }));
    if (d.type === "REMOVE") {
      return leaves(d.oldValue, d.path).map((l) => ({ kind: "removed", path: l.path, before: l.value }));
    }
    return [{ kind: "changed", path: d.path, before: d.oldValue, after: d.value }];
  });
  if (!unchanged) return changes;
  const changed = changes.map((c) => c.path);
  const same = leaves(after).filter(
    (leaf) => leaf.path.length > 0 && !changed.some((p) => within(leaf.path, p) || within(p, leaf.path)),
  );
  // In the state's own field order (what was removed last), as a reader scans it.
  const order = new Map([...leaves(after), ...leaves(before)].map((leaf, index) => [key(leaf.path), index]));
  const rank = (f: FieldChange) => order.get(key(f.path)) ?? Number.MAX_SAFE_INTEGER;
  return [...changes, ...same.map((leaf): FieldChange => ({ kind: "unchanged", ...leaf }))].sort(
    (a, b) => rank(a) - rank(b),
  );
}

const currencyOf = (state: unknown) => {
  const currency = isObject(state) ? (state as { currency?: unknown }).currency : undefined;
  return typeof currency === "string" ? currency : null;
};

export type DiffStatus = AggregateDiff["status"];

/** How many aggregates are new, gone, changed and unchanged between the two points. */
export type DiffCounts = Record<DiffStatus, number>;

function statusOf(before: AggregateAt | undefined, after: AggregateAt | undefined): DiffStatus {
  if (!before) return "added";
  if (!after) return "removed";
  const states = [before.state, after.state].map((state) => (isObject(state) ? state : {}));
  return diff(states[0] as Record<string, unknown>, states[1] as Record<string, unknown>).length > 0
    ? "changed"
    : "unchanged";
}

/**
 * Every aggregate of an account between two points (matched by stream), in the
 * later point's order: how many of each status, and the first `limit` of those
 * to show (unchanged ones only with `unchanged`) field by field. An account
 * with thousands of invoices is counted whole but spelled out a page at a time.
 */
export function diffAggregates(
  from: readonly AggregateAt[],
  to: readonly AggregateAt[],
  { unchanged = false, limit = Number.POSITIVE_INFINITY }: { unchanged?: boolean; limit?: number } = {},
): { diffs: AggregateDiff[]; counts: DiffCounts } {
  const earlier = new Map(from.map((a) => [a.streamId, a]));
  const later = new Set(to.map((a) => a.streamId));
  const pairs: [AggregateAt | undefined, AggregateAt | undefined][] = to.map((a) => [earlier.get(a.streamId), a]);
  for (const a of from) if (!later.has(a.streamId)) pairs.push([a, undefined]);
  const counts: DiffCounts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const diffs: AggregateDiff[] = [];
  for (const [before, after] of pairs) {
    const status = statusOf(before, after);
    counts[status]++;
    if ((status === "unchanged" && !unchanged) || diffs.length >= limit) continue;
    diffs.push({
      streamId: (after ?? before)!.streamId,
      kind: (after ?? before)!.kind,
      status,
      fromVersion: before?.version ?? 0,
      toVersion: after?.version ?? 0,
      currency: currencyOf(after?.state) ?? currencyOf(before?.state),
      summary: (after ?? before)!.summary,
      fields: diffFields(before?.state ?? {}, after?.state ?? {}, { unchanged }),
    });
  }
  return { diffs, counts };
}
