import type { Principal } from "@/lib/auth/permissions";
import { issueCommand } from "@/lib/automation/issue-command";
import type { CommandType } from "@/lib/domain";
import type { Source } from "@/lib/event-store";
import { type ProjectionAction, projectionAdmin } from "@/lib/projections/admin";
import { logConsumers } from "@/lib/server/projector";
import type { Runtime } from "@/lib/server/runtime";

const COMMAND: Record<ProjectionAction, CommandType> = {
  rebuild: "RequestProjectionRebuild",
  pause: "PauseProjection",
  resume: "ResumeProjection",
  retry: "RetryProjection",
  skip: "SkipProjectionEvent",
};

export interface ProjectionOperation {
  action: ProjectionAction;
  projection: string;
  reason: string;
  principal: Principal;
  source: Source;
  requestId: string;
}

/**
 * The one path for an admin's operation on a projection, from the console
 * and from the HTTP API: check that the engine would accept it now, record it
 * in the operations console's stream (who, when, why: the command handler
 * checks the "operate" permission and the reason), then perform it. A
 * refused operation records nothing.
 */
export async function operateProjection(runtime: Runtime, operation: ProjectionOperation) {
  const { action, projection, reason, principal } = operation;
  const admin = projectionAdmin(runtime, logConsumers(runtime));
  const checkpoint = await admin.check(projection, action);
  const failedEvent =
    action === "retry" || action === "skip"
      ? await failedEventOf(runtime, projection, checkpoint?.failedPosition)
      : null;
  // A retry names the position it tries again; a skip also keeps the event's id, type and error.
  const failed = action === "retry" ? { position: failedEvent!.position } : (failedEvent ?? {});
  const recorded = await issueCommand(runtime, {
    type: COMMAND[action],
    data: { projection, reason, ...failed },
    caller: { principal },
    source: operation.source,
    requestId: operation.requestId,
    reason,
  });
  const result = await perform();
  return { ...result, recorded: { streamId: recorded.streamId, position: recorded.position } };

  function perform() {
    switch (action) {
      case "retry":
        return admin.retry(projection);
      case "skip":
        return admin.skip(projection, `${principal.type}:${principal.id}`, reason);
      case "rebuild":
        return admin.rebuild(projection, reason);
      case "pause":
        return admin.pause(projection);
      case "resume":
        return admin.resume(projection);
    }
  }
}

/** The failed event as the record names it: its position (a retry), and for a skip its id, type and error. */
async function failedEventOf(runtime: Runtime, projection: string, position: number | null | undefined) {
  const [row] = await runtime.db.prisma.$queryRaw<
    { failed_event_id: string | null; failed_event_type: string | null; last_error: string | null }[]
  >`SELECT failed_event_id, failed_event_type, last_error FROM projection_checkpoints WHERE name = ${projection}`;
  return {
    position: position ?? 0,
    eventId: row?.failed_event_id ?? null,
    eventType: row?.failed_event_type ?? null,
    error: row?.last_error?.slice(0, 2000) ?? null,
  };
}
