import type { EventStore } from "@/lib/event-store";
import type { SyntheticAppend } from "./synthetic-log";

const METADATA = {
  actor: { type: "system" as const, id: "synthetic" },
  source: "system" as const,
  appVersion: "synthetic",
};

/** Appends one synthetic append as the command handler would (its metadata, its business time). */
export function writeAppend(store: Pick<EventStore, "append">, append: SyntheticAppend) {
  const requestId = append.events[0]!.eventId;
  return store.append(append.streamId, append.events, {
    expectedVersion: "any",
    metadata: {
      ...METADATA,
      requestId,
      correlationId: append.causationId ?? requestId,
      causationId: append.causationId,
      commandType: append.commandType,
      accountId: append.accountId,
    },
  });
}

/**
 * Merges each stream's consecutive appends (up to `max` events) within each
 * account's story, then interleaves the stories at random: bulk loading for
 * benchmarks, in fewer, larger appends, keeping each stream's order.
 */
export function mergeStories(stories: SyntheticAppend[][], next: () => number, max = 500): SyntheticAppend[] {
  const merged = stories.map((story) => {
    const out: SyntheticAppend[] = [];
    for (const append of story) {
      const last = out.at(-1);
      if (last?.streamId === append.streamId && last.events.length + append.events.length <= max) {
        last.events.push(...append.events);
      } else out.push({ ...append, events: [...append.events] });
    }
    return out;
  });
  const result: SyntheticAppend[] = [];
  const live = merged.filter((s) => s.length > 0).map((s) => ({ s, i: 0 }));
  while (live.length > 0) {
    const k = Math.floor(next() * live.length);
    const cursor = live[k]!;
    result.push(cursor.s[cursor.i++]!);
    if (cursor.i === cursor.s.length) live.splice(k, 1);
  }
  return result;
}
