import type { Principal } from "@/lib/auth/permissions";
import { issueCommand } from "@/lib/automation/issue-command";
import { runConsistencyCheck } from "@/lib/projections/consistency-check";
import type { Runtime } from "@/lib/server/runtime";

/** At most this many differences travel to the console (the count is always whole). */
export const DIFFERENCES_SHOWN = 200;

/**
 * Runs a consistency check and records what it found (who, when, why, how
 * many differences) in the operations console's stream. The check only reads,
 * so it runs first and the record states its outcome.
 */
export async function checkConsistency(
  runtime: Runtime,
  request: {
    sample?: number;
    accountId?: string | null;
    reason: string;
    principal: Principal;
    source: "ui" | "api";
    requestId: string;
  },
) {
  const report = await runConsistencyCheck(runtime, request);
  const recorded = await issueCommand(runtime, {
    type: "RecordConsistencyCheck",
    data: {
      reason: request.reason,
      sample: report.sample,
      accountId: report.accountId,
      differences: report.differences.length,
      projections: report.projections,
    },
    caller: { principal: request.principal },
    source: request.source,
    requestId: request.requestId,
    reason: request.reason,
  });
  return {
    ...report,
    differenceCount: report.differences.length,
    differences: report.differences.slice(0, DIFFERENCES_SHOWN),
    recorded: { streamId: recorded.streamId, position: recorded.position },
  };
}
