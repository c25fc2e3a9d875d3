import { InvalidInputError } from "@/lib/errors";
import type { AccountSlice } from "@/lib/event-store";
import { type HistoryPoint, parsePoint } from "@/lib/history/points";

/** The period a bundle covers: each end a global position (inclusive) or a business time; null is open. */
export interface EvidencePeriod {
  from: HistoryPoint | null;
  to: HistoryPoint | null;
}

const PARAMS = new Set(["from", "to"]);

/** `from` and `to` (both optional); anything else is a 400, not silently ignored. */
export function parseEvidencePeriod(params: URLSearchParams): EvidencePeriod {
  const unknown = [...params.keys()].filter((key) => !PARAMS.has(key));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      "An evidence bundle takes only `from` and `to`",
      unknown.map((key) => ({ path: `query.${key}`, message: "unknown parameter" })),
    );
  }
  const point = (name: "from" | "to") => {
    const value = params.get(name);
    // The axis is fixed: a time always means business time (occurred_at).
    return value === null ? null : parsePoint(value, "effective", name);
  };
  const period = { from: point("from"), to: point("to") };
  const { from, to } = period;
  // Ends of different kinds (a position and a time) cannot be compared; either may select nothing.
  const backwards =
    from?.kind === "position" && to?.kind === "position"
      ? from.position > to.position
      : from?.kind === "time" && to?.kind === "time" && from.time.getTime() >= to.time.getTime();
  if (backwards) {
    throw new InvalidInputError("`from` must come before `to`", [
      { path: "query.from", message: "is not before `to` (positions are inclusive; for times, to is exclusive)" },
    ]);
  }
  return period;
}

/** The store's view of the period: the events of the account it selects. */
export function sliceOf(accountId: string, { from, to }: EvidencePeriod): AccountSlice {
  return {
    accountId,
    fromPosition: from?.kind === "position" ? from.position : undefined,
    toPosition: to?.kind === "position" ? to.position : undefined,
    fromTime: from?.kind === "time" ? from.time : undefined,
    toTime: to?.kind === "time" ? to.time : undefined,
  };
}

/** How the bundle states the period it was asked for. */
export function periodJson({ from, to }: EvidencePeriod) {
  const end = (point: HistoryPoint | null) =>
    point === null
      ? null
      : point.kind === "position"
        ? { position: point.position }
        : { time: point.time.toISOString() };
  return {
    from: end(from),
    to: end(to),
    rule: "positions inclusive; times are business time (occurredAt), from inclusive, to exclusive",
  };
}

/** `evidence-<account>-<from>-<to>.json`, safe in a header and on any file system. */
export function evidenceFilename(accountId: string, { from, to }: EvidencePeriod): string {
  const part = (point: HistoryPoint | null, open: string) =>
    point === null
      ? open
      : point.kind === "position"
        ? String(point.position)
        : point.time
            .toISOString()
            .replace(/\.000Z$/, "Z")
            .replace(/:/g, "");
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, "_");
  return `evidence-${safe(accountId)}-${part(from, "start")}-${part(to, "end")}.json`;
}
