import { aggregates, type StreamKind } from "@/lib/domain";
import { NotFoundError, InvalidInputError } from "@/lib/errors";
import { type AsOf, type EventStore, streamTypeOf } from "@/lib/event-store";
import { historyFoldOf } from "./folds";
import { parsePoint, asOfPoint } from "./points";

export interface StateAt {
  streamId: string;
  /** Version of the last event folded in (0: the stream had no events yet at that point). */
  version: number;
  state: unknown;
  summary: string;
}

/** `?at=` is a global position (digits) or an ISO-8601 time of the database clock; absent means now. */
export function parseAt(at: string | null): AsOf | undefined {
  if (at === null || at === "") return undefined;
  return asOfPoint(parsePoint(at, "recorded"));
}

/** The state of a stream after every event at or before a point (inclusive), folded by its aggregate's evolve. */
export async function stateAt(store: EventStore, streamId: string, asOf?: AsOf): Promise<StateAt> {
  let kind: string;
  try {
    kind = streamTypeOf(streamId);
  } catch {
    throw new InvalidInputError("Invalid stream id", [{ path: "streamId", message: "expected <kind>-<id>" }]);
  }
  const aggregate = aggregates[kind as StreamKind];
  if (!aggregate || (await store.streamVersion(streamId)) === 0) {
    throw new NotFoundError(`No stream "${streamId}" exists.`);
  }
  if (!asOf) {
    const { state, version } = await store.loadAggregate(streamId, aggregate.decider);
    return { streamId, version, state, summary: aggregate.summarize(state) };
  }
  const [at] = await store.loadStreamsAt([streamId], asOf, historyFoldOf);
  return { streamId, version: at!.version, state: at!.state, summary: aggregate.summarize(at!.state) };
}
