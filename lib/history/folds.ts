import { aggregates, type StreamKind } from "@/lib/domain";
import type { HistoryFold } from "@/lib/event-store";

/** Time travel folds every stream with its aggregate's own evolve (the deciders', as commands do). */
export function historyFoldOf(streamType: string): HistoryFold | undefined {
  if (!Object.hasOwn(aggregates, streamType)) return undefined;
  const aggregate = aggregates[streamType as StreamKind];
  return {
    initialState: aggregate.decider.initialState,
    evolve: (state, event) => aggregate.decider.evolve(state, { type: event.type, data: event.data }),
    stateVersion: aggregate.snapshot?.schemaVersion ?? 1,
  };
}
