import { type CommandDefinition, type StreamKind, STREAM_KINDS, type SupersedeTarget } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { CommandStore } from "./ports";
import { resolveTargetId, streamIdOf } from "./targets";

/** A definition whose stream kind is known: a command that names an event takes its stream's. */
export type RoutedDefinition = CommandDefinition & { streamKind: StreamKind };

export interface Route {
  definition: RoutedDefinition;
  targetId: string;
  streamId: string;
  /** For a command that names an event (streamKind "event"): its position. */
  eventPosition: number | null;
}

/** Where a command goes: its target stream from the data, or, for one that names an event, that event's stream. */
export async function routeCommand(
  store: Pick<CommandStore, "readSupersedeTarget">,
  definition: CommandDefinition,
  data: Record<string, unknown>,
): Promise<Route> {
  if (definition.streamKind !== "event") {
    const targetId = resolveTargetId(definition, data);
    const routed = definition as RoutedDefinition;
    return { definition: routed, targetId, streamId: streamIdOf(routed, targetId), eventPosition: null };
  }
  const position = Number(data[definition.targetKey]);
  const target = await store.readSupersedeTarget(position);
  const kind = STREAM_KINDS.find((k) => k === target?.streamType);
  if (!target || !kind) throw new NotFoundError(`There is no event at position ${position}.`);
  return {
    definition: { ...definition, streamKind: kind },
    targetId: target.streamId.slice(kind.length + 1),
    streamId: target.streamId,
    eventPosition: position,
  };
}

/** The named event as the domain decides on it, read afresh for every attempt (a racing supersession shows). */
export async function readEventTarget(
  store: Pick<CommandStore, "readSupersedeTarget">,
  position: number,
): Promise<{ target: SupersedeTarget | null; accountId: string | null }> {
  const row = await store.readSupersedeTarget(position);
  if (!row) return { target: null, accountId: null };
  const { accountId, streamType, ...rest } = row;
  return { target: { ...rest, streamKind: streamType }, accountId };
}
