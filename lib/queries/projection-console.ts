import { OPERATIONS_CONSOLE, operationsAccountId } from "@/lib/domain/operations/commands";
import { listVerificationJobs } from "@/lib/operations/chain-verification";
import {
  type HorizonViewer,
  type ProjectionHealth,
  readHorizonHealth,
  readProjectionHealth,
} from "@/lib/projections/health";
import { readThroughput } from "@/lib/projections/throughput";
import { logConsumers } from "@/lib/server/projector";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { actorLabel, renderPhrase } from "@/lib/timeline/renderers";

/** How many of the console's latest operations it lists. */
export const HISTORY_SHOWN = 30;

export const OPERATIONS_STREAM = operationsAccountId(OPERATIONS_CONSOLE);

export interface ConsoleProjection extends ProjectionHealth {
  /** The stream of the event it failed on, for a link to its page. */
  failedStreamId: string | null;
  /** A reactor has no read model to rebuild. */
  rebuildable: boolean;
}

export interface ConsoleOperation {
  position: number;
  type: string;
  at: string;
  actor: string;
  /** What was done, without its subject ("paused the invoices projection: ..."). */
  phrase: string;
  reason: string | null;
  source: string;
}

/** Everything the projection console shows (also live, as JSON): health, throughput, horizon, operations, verifications. */
export async function readProjectionConsole(runtime?: Runtime, viewer: HorizonViewer = {}) {
  const rt = runtime ?? (await getRuntime());
  const projections = logConsumers(rt);
  const threshold = Number(process.env.HORIZON_WARNING_SECONDS ?? 30);
  const [health, throughput, horizon, history] = await Promise.all([
    readProjectionHealth(rt, projections),
    readThroughput(
      rt.db.prisma,
      projections.map((p) => p.name),
    ),
    readHorizonHealth(rt, threshold, viewer),
    readOperations(rt),
  ]);
  const failedAt = health.flatMap((h) => (h.failedEvent ? [h.failedEvent.position] : []));
  const failedEvents = failedAt.length > 0 ? await rt.store.readEventsAt(failedAt) : [];
  const streamAt = new Map(failedEvents.map((e) => [e.position, e.streamId]));
  const reactors = new Set(projections.filter((p) => p.reactor).map((p) => p.name));
  const withStreams: ConsoleProjection[] = health.map((h) => ({
    ...h,
    rebuildable: !reactors.has(h.name),
    failedStreamId: h.failedEvent ? (streamAt.get(h.failedEvent.position) ?? null) : null,
  }));
  return { projections: withStreams, throughput, horizon, history, verifications: listVerificationJobs() };
}

export type ProjectionConsole = Awaited<ReturnType<typeof readProjectionConsole>>;

/** The console's latest operations, newest first. */
async function readOperations(runtime: Runtime): Promise<ConsoleOperation[]> {
  const version = await runtime.store.streamVersion(OPERATIONS_STREAM);
  if (version === 0) return [];
  const events = await runtime.store.readStream(OPERATIONS_STREAM, {
    fromVersion: Math.max(1, version - HISTORY_SHOWN + 1),
  });
  return events.reverse().map((event) => ({
    position: event.position,
    type: event.type,
    at: event.occurredAt.toISOString(),
    actor: actorLabel(event.metadata.actor),
    phrase: renderPhrase(event),
    reason: event.metadata.reason,
    source: event.metadata.source,
  }));
}
