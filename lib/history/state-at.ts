import { aggregates, type StreamKind } from "@/lib/domain";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { type AsOf, type EventStore, streamTypeOf } from "@/lib/event-store";

export interface StateAt {
  streamId: string;
  /** Version of the last event folded in (0: the stream had no events yet at that point). */
  version: number;
  state: unknown;
  summary: string;
}

/** `?at=` is a global position (digits) or an ISO-8601 time; absent means now. */
export function parseAt(at: string | null): AsOf | undefined {
  if (at === null || at === "") return undefined;
  if (/^\d{1,15}$/.test(at)) return { position: Number(at) };
  const time = new Date(at);
  if (!/^\d{4}-\d{2}-\d{2}/.test(at) || Number.isNaN(time.getTime())) {
    throw new InvalidInputError("`at` must be a global position or an ISO-8601 time", [
      { path: "query.at", message: `"${at}" is neither a position nor a time` },
    ]);
  }
  return { time };
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
  const { state, version } = await store.loadAggregate(streamId, aggregate.decider, { asOf });
  return { streamId, version, state, summary: aggregate.summarize(state) };
}
