import type { OperationsEvent } from "@/lib/domain";
import { colon, count, type RenderersOf } from "./format";

const sample = (s: number | "all") => (s === "all" ? "every aggregate" : `a sample of ${s}`);

export const operationsRenderers: RenderersOf<OperationsEvent> = {
  ProjectionRebuildRequested: (d) => `requested a rebuild of the ${d.projection} projection${colon(d.reason)}`,
  ProjectionPaused: (d) => `paused the ${d.projection} projection${colon(d.reason)}`,
  ProjectionResumed: (d) => `resumed the ${d.projection} projection${colon(d.reason)}`,
  ProjectionRetried: (d) =>
    `retried the ${d.projection} projection on the event at position ${d.position}${colon(d.reason)}`,
  ProjectionEventSkipped: (d) =>
    `skipped ${d.eventType ?? "the event"} at position ${d.position} in the ${d.projection} projection${colon(d.reason)}`,
  ConsistencyCheckRun: (d) =>
    `ran a consistency check of ${d.projections.join(" and ")} over ${sample(d.sample)}` +
    `${d.accountId ? ` of account ${d.accountId}` : ""}: ` +
    (d.differences === 0 ? "no differences" : count(d.differences, "difference")),
  ChainVerified: (d) =>
    `verified the hash chain of ${d.scope === "all" ? "the whole log" : d.scope} ` +
    `(${count(d.eventsChecked, "event")} in ${count(d.streamsChecked, "stream")}): ` +
    (d.firstProblem
      ? `${count(d.problems, "problem")}, the first in ${d.firstProblem.streamId}` +
        `${d.firstProblem.version === null ? "" : ` at version ${d.firstProblem.version}`}`
      : "intact"),
};
