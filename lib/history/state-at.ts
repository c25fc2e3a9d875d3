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

/** `?at=` is a global position (digits) or an ISO-8601 time (when events were recorded); absent means now. */
export function parseAt(at: string | null): AsOf | undefined {
  if (at === null || at === "") return undefined;
  return asOfPoint(parsePoint(at, "recorded"));
}

/** The aggregate behind an existing stream; InvalidInputError for a malformed id, NotFoundError for no stream. */
async function aggregateOf(store: EventStore, streamId: string) {
  let kind: string;
  try {
    kind = streamTypeOf(streamId);
  } catch {
    throw new InvalidInputError("Invalid stream id", [{ path: "streamId", message: "expected <kind>-<id>" }]);
  }
  const aggregate = Object.hasOwn(aggregates, kind) ? aggregates[kind as StreamKind] : undefined;
  if (!aggregate || (await store.streamVersion(streamId)) === 0) {
    throw new NotFoundError(`No stream "${streamId}" exists.`);
  }
  return aggregate;
}

/** The state of a stream after every event at or before a point (inclusive), folded by its aggregate's evolve. */
export async function stateAt(store: EventStore, streamId: string, asOf?: AsOf): Promise<StateAt> {
  const aggregate = await aggregateOf(store, streamId);
  if (!asOf) {
    const { state, version } = await store.loadAggregate(streamId, aggregate.decider);
    return { streamId, version, state, summary: aggregate.summarize(state) };
  }
  const [at] = await store.loadStreamsAt([streamId], asOf, historyFoldOf);
  return { streamId, version: at!.version, state: at!.state, summary: aggregate.summarize(at!.state) };
}

/** The state of a stream after its event at `version` (inclusive): what the stream page's `?at=` shows. */
export async function stateAtVersion(store: EventStore, streamId: string, version: number): Promise<StateAt> {
  const aggregate = await aggregateOf(store, streamId);
  const loaded = await store.loadAggregate(streamId, aggregate.decider, { toVersion: version });
  return { streamId, version: loaded.version, state: loaded.state, summary: aggregate.summarize(loaded.state) };
}
