import type { CommandDefinition } from "@/lib/domain";
import type { AppendedEvent, AppendResult } from "@/lib/event-store";

export interface CommandResult {
  commandType: string;
  streamId: string;
  targetId: string;
  accountId: string;
  version: number;
  /** Global position of the last event written (null when the command changed nothing). */
  position: number | null;
  events: AppendedEvent[];
  replayed: boolean;
  /** Commands our policies issued because of these events (e.g. the invoice a purchase bills). */
  followUps: CommandResult[];
  /** Set when the command was held for a second admin: the approval request's id (nothing else was written). */
  pendingApproval?: string;
}

/** The first request's answer, for a repeat (whose own generated ids, if any, are discarded). */
export function replayOf(definition: CommandDefinition, earlier: AppendResult): CommandResult {
  return {
    commandType: definition.type,
    streamId: earlier.streamId,
    targetId: earlier.streamId.slice(definition.streamKind.length + 1),
    accountId: earlier.accountId,
    version: earlier.version,
    position: earlier.position,
    events: earlier.events,
    replayed: true,
    followUps: [],
  };
}

/** The result of this request's own append (or of no append, when the command changed nothing). */
export function resultOf(
  ctx: { definition: CommandDefinition; streamId: string; targetId: string },
  accountId: string,
  appended: { version: number; position: number; events: AppendedEvent[]; replayed: boolean } | null,
): Omit<CommandResult, "followUps"> {
  return {
    commandType: ctx.definition.type,
    streamId: ctx.streamId,
    targetId: ctx.targetId,
    accountId,
    version: appended?.version ?? 0,
    position: appended?.position ?? null,
    events: appended?.events ?? [],
    replayed: appended?.replayed ?? false,
  };
}
