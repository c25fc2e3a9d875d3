import type { AsOf } from "@/lib/event-store";
import { InvalidInputError } from "@/lib/errors";

/** Which clock a time means: when we recorded the facts, or when they were true in the business. */
export type Axis = "recorded" | "effective";
export const AXES: readonly Axis[] = ["recorded", "effective"];

/** A point in an account's history, as a URL names it (`at=`, `from=`, `to=`). */
export type HistoryPoint = { kind: "position"; position: number } | { kind: "time"; time: Date; axis: Axis };

/**
 * `1234` (a global position: what the log held once that event was in) or an
 * ISO-8601 time. A time is read on `axis`: "recorded" is what Ledgerline knew
 * then; "effective" (the default for a time) is what was true then, counting
 * facts recorded later but backdated to before it.
 */
export function parsePoint(value: string, axis: string | undefined, path = "at"): HistoryPoint {
  if (axis !== undefined && !AXES.includes(axis as Axis)) {
    throw new InvalidInputError("`axis` must be recorded or effective", [
      { path: "query.axis", message: `"${axis}" is neither recorded nor effective` },
    ]);
  }
  if (/^\d{1,15}$/.test(value)) return { kind: "position", position: Number(value) };
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new InvalidInputError(`\`${path}\` must be a global position or an ISO-8601 time`, [
      { path: `query.${path}`, message: `"${value}" is neither a position nor a time` },
    ]);
  }
  return { kind: "time", time, axis: (axis as Axis | undefined) ?? "effective" };
}

/** The store's view of the point. */
export function asOfPoint(point: HistoryPoint): AsOf {
  if (point.kind === "position") return { position: point.position };
  return point.axis === "recorded" ? { time: point.time } : { effective: point.time };
}

/** The point as a URL parameter value. */
export function pointParam(point: HistoryPoint): string {
  return point.kind === "position" ? String(point.position) : point.time.toISOString();
}

/** The same time on the other axis (null for a position, which is always the log's own order). */
export function otherAxis(point: HistoryPoint): HistoryPoint | null {
  if (point.kind === "position") return null;
  return { ...point, axis: point.axis === "recorded" ? "effective" : "recorded" };
}
