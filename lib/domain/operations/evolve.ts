import { ignoreUnknownEvent } from "../shared/exhaustive";
import { operationsAccountId } from "./commands";
import type { OperationsEvent } from "./events";
import { type OperationsState, skipKey } from "./state";

/** Applies a recorded operation: every one counts; skips and verifications are remembered. */
export function evolveOperations(state: OperationsState, event: OperationsEvent): OperationsState {
  const consoleId = event.data.consoleId;
  const next = { ...state, consoleId, accountId: operationsAccountId(consoleId), operations: state.operations + 1 };
  switch (event.type) {
    case "ProjectionEventSkipped":
      return { ...next, skipped: [...state.skipped, skipKey(event.data.projection, event.data.position)] };
    case "ChainVerified":
      return { ...next, lastVerification: { scope: event.data.scope, problems: event.data.problems } };
    case "ProjectionRebuildRequested":
    case "ProjectionPaused":
    case "ProjectionResumed":
    case "ProjectionRetried":
    case "ConsistencyCheckRun":
      return next;
    default:
      return ignoreUnknownEvent(event, state);
  }
}
