import { EventEmitter } from "node:events";
import { getDatabase, getReplicaDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/types";
import { aggregates } from "@/lib/domain";
import { domainRegistry } from "@/lib/event-store/domain-registry";
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

export function createRuntime(
  db: Database,
  events = new EventEmitter<{ appended: [AppendResult] }>(),
  { keepFolds = true } = {},
): Runtime {
  events.setMaxListeners(50);
  const store = createEventStore(db, {
    registry: domainRegistry,
    snapshots: snapshotPolicies,
    keepFolds,
    onAppended: (result) => {
      countAppendedEvents(result.events);
      events.emit("appended", result);
    },
  });
  return { db, store, events };
}

// Next bundles route handlers and instrumentation as separate module graphs:
// sharing one runtime object between them would mix their classes (an error
// thrown by one graph's store fails `instanceof` in another's handler). So
// each graph builds its own runtime over the process's one database and one
// "appended" emitter, which are shared through globalThis.
const shared = globalThis as unknown as { __ledgerlineAppended?: EventEmitter<{ appended: [AppendResult] }> };
let local: Promise<Runtime> | undefined;

/** This module graph's runtime over the process's database (see lib/db/client.ts). */
export function getRuntime(): Promise<Runtime> {
  local ??= getDatabase()
    .then((db) => createRuntime(db, (shared.__ledgerlineAppended ??= new EventEmitter())))
    .catch((error: unknown) => {
      local = undefined;
      throw error;
    });
  return local;
}

let localReplica: Runtime | null | undefined;

/** A runtime over the read replica (DATABASE_READ_URL) for reads only, or null without one. */
export function getReplicaRuntime(): Promise<Runtime | null> {
  if (localReplica === undefined) {
    const db = getReplicaDatabase();
    localReplica = db ? createRuntime(db) : null;
  }
  return Promise.resolve(localReplica);
}
