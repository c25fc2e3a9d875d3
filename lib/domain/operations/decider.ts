import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { operationsCommandSchemas, type OperationsCommand } from "./commands";
import { decideOperations } from "./decide";
import type { OperationsEvent } from "./events";
import { evolveOperations } from "./evolve";
import { initialOperationsState, type OperationsState } from "./state";

export const operationsDecider: Decider<OperationsCommand, OperationsEvent, OperationsState> = {
  initialState: initialOperationsState,
  decide: decideOperations,
  evolve: evolveOperations,
};

// Admins only ("operate"), through the projection console or /api/projections, which record and perform together:
// never backdated (an operation happens when it is recorded).
const operation = { targetKey: "consoleId", creates: true, operation: true, backdate: false } as const;

/** Stream `operations-<consoleId>`: who did what to the projections and the log, when and why. */
export const operationsCommandDefinitions = defineCommands("operations", operationsCommandSchemas, operationsDecider, {
  RequestProjectionRebuild: operation,
  PauseProjection: operation,
  ResumeProjection: operation,
  RetryProjection: operation,
  SkipProjectionEvent: operation,
  RecordConsistencyCheck: operation,
  RecordChainVerification: operation,
});
