import { EventEmitter } from "node:events";
import { getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/types";
import { aggregates, domainRegistry } from "@/lib/domain";
import { type AppendResult, createEventStore, type EventStore } from "@/lib/event-store";
import type { SnapshotPolicy } from "@/lib/event-store/snapshots";
import { countAppendedEvents } from "@/lib/metrics/registry";

/** What request handlers work with: the database and the event store over the domain's events. */
export interface Runtime {
  db: Database;
  store: EventStore;
  /** "appended" (AppendResult) after each commit in this process: wakes local projection runners. */
  events: EventEmitter<{ appended: [AppendResult] }>;
}

const snapshotPolicies: Record<string, SnapshotPolicy> = Object.fromEntries(
  Object.entries(aggregates).flatMap(([kind, aggregate]) => (aggregate.snapshot ? [[kind, aggregate.snapshot]] : [])),
);

export function createRuntime(db: Database): Runtime {
  const events = new EventEmitter<{ appended: [AppendResult] }>();
  events.setMaxListeners(50);
  const store = createEventStore(db, {
    registry: domainRegistry,
    snapshots: snapshotPolicies,
    onAppended: (result) => {
      countAppendedEvents(result.events);
      events.emit("appended", result);
    },
  });
  return { db, store, events };
}

const holder = globalThis as unknown as { __ledgerlineRuntime?: Promise<Runtime> };

/** The process's runtime (see lib/db/client.ts for why it lives on globalThis). */
export function getRuntime(): Promise<Runtime> {
  holder.__ledgerlineRuntime ??= getDatabase()
    .then(createRuntime)
    .catch((error: unknown) => {
      holder.__ledgerlineRuntime = undefined;
      throw error;
    });
  return holder.__ledgerlineRuntime;
}
