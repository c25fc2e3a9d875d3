import { assertNever } from "../shared/decider";
import { reject } from "../shared/domain-error";
import type { OperationsCommand } from "./commands";
import type { OperationsEvent } from "./events";
import { type OperationsState, skipKey } from "./state";

/**
 * An admin's operation on the projections or the log, recorded as one event.
 * Whether the projection may be paused, retried... is the engine's to say
 * (its checkpoint, checked before recording); the console's own history
 * says whether an event was already skipped.
 */
export function decideOperations(state: OperationsState, command: OperationsCommand): OperationsEvent[] {
  switch (command.type) {
    case "RequestProjectionRebuild":
      return [{ type: "ProjectionRebuildRequested", data: command.data }];
    case "PauseProjection":
      return [{ type: "ProjectionPaused", data: command.data }];
    case "ResumeProjection":
      return [{ type: "ProjectionResumed", data: command.data }];
    case "RetryProjection":
      return [{ type: "ProjectionRetried", data: command.data }];
    case "SkipProjectionEvent": {
      const { projection, position } = command.data;
      if (state.skipped.includes(skipKey(projection, position))) {
        reject(
          "EVENT_ALREADY_SKIPPED",
          `${projection} already skipped the event at position ${position}; it cannot be skipped twice.`,
          { projection, position },
        );
      }
      return [{ type: "ProjectionEventSkipped", data: command.data }];
    }
    case "RecordConsistencyCheck":
      return [{ type: "ConsistencyCheckRun", data: command.data }];
    case "RecordChainVerification": {
      const { problems, firstProblem } = command.data;
      if (problems > 0 !== (firstProblem !== null)) {
        reject(
          "VERIFICATION_INCOHERENT",
          problems > 0
            ? `A verification that found ${problems} problem(s) must name the first broken link.`
            : "A verification that found no problem cannot name a broken link.",
          { problems },
        );
      }
      return [{ type: "ChainVerified", data: command.data }];
    }
    default:
      return assertNever(command);
  }
}
