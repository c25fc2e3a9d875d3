import { aggregates, type StreamKind } from "@/lib/domain";
import { decideOn, prepareCommand } from "./decision";
import { loadTarget } from "./load-target";
import { type CommandDeps, randomIds } from "./ports";
import type { CommandRequest } from "./request";

/** What a command would do, decided on the current state, with nothing written. */
export interface CommandPreview {
  commandType: string;
  streamId: string;
  accountId: string;
  /** The version the decision was made on: confirm with it as the expected version. */
  version: number;
  /** The events it would append (ids it would make are placeholders here: a confirm makes its own). */
  events: { type: string; data: Record<string, unknown> }[];
  before: unknown;
  after: unknown;
  /** One line about the aggregate before and after. */
  summaryBefore: string;
  summaryAfter: string;
}

/**
 * The same checks and the same decide as handleCommand, on the stream as it
 * is now, folded forward by the aggregate's own evolve; nothing is appended,
 * no idempotency key is taken. A rule the command breaks throws, as it would.
 */
export async function previewCommand(
  deps: Pick<CommandDeps, "store" | "clock" | "ids">,
  request: CommandRequest,
): Promise<CommandPreview> {
  const ctx = await prepareCommand(deps, request);
  const { definition, streamId } = ctx;
  const loaded = await loadTarget(deps.store, ctx);
  const { events, accountId } = await decideOn(deps.store, deps.ids ?? randomIds, ctx, loaded);
  const { decider, summarize } = aggregates[definition.streamKind as StreamKind];
  const after = events.reduce((state, event) => decider.evolve(state, event), loaded.state);
  return {
    commandType: definition.type,
    streamId,
    accountId,
    version: loaded.version,
    events: events.map((event) => ({ type: event.type, data: event.data as Record<string, unknown> })),
    before: loaded.state,
    after,
    summaryBefore: summarize(loaded.state),
    summaryAfter: summarize(after),
  };
}
