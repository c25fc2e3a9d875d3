import { type ReadHorizon, withoutQuery } from "@/lib/event-store";
import type { Runtime } from "@/lib/server/runtime";
import { toIso } from "./shared/fold";
import type { Projection } from "./types";

export const LAG_COUNT_CAP = 100_000;

export interface ProjectionHealth {
  name: string;
  /** The code's version; storedVersion is what built the rows now served. */
  version: number;
  storedVersion: number | null;
  status: "running" | "catching_up" | "stale" | "rebuilding" | "failed" | "paused" | "not_started";
  checkpoint: number;
  head: number;
  /** Events after the checkpoint in log order (capped at 100 000: lagCapped says so). */
  lagEvents: number;
  lagCapped: boolean;
  /** Age of the oldest event not yet applied (0 when caught up). */
  lagSeconds: number;
  /** Events per second over about the last minute. */
  throughput: number;
  eventsProcessed: number;
  lastProcessedAt: string | null;
  lastError: string | null;
  failedEvent: { position: number; eventId: string | null; type: string | null; at: string | null } | null;
  skippedEvents: number;
  leaseOwner: string | null;
  rebuild: {
    reason: string | null;
    startedAt: string | null;
    processed: number;
    total: number;
    rate: number;
    etaSeconds: number | null;
  } | null;
  rebuiltAt: string | null;
}

type Row = {
  name: string;
  version: number;
  position: bigint;
  status: string;
  lease_owner: string | null;
  events_processed: bigint;
  last_processed_at: Date | null;
  window_age: number | null;
  window_count: number;
  previous_window_count: number;
  last_error: string | null;
  failed_position: bigint | null;
  failed_event_id: string | null;
  failed_event_type: string | null;
  failed_at: Date | null;
  rebuild_requested: boolean;
  rebuild_reason: string | null;
  rebuild_started_at: Date | null;
  rebuild_elapsed: number | null;
  rebuild_processed: bigint | null;
  rebuild_total: bigint | null;
  rebuilt_at: Date | null;
  skipped: bigint;
};

/** The health of every projection: what the health page and GET /api/projections show. */
export async function readProjectionHealth(
  runtime: Runtime,
  projections: readonly Projection[],
): Promise<ProjectionHealth[]> {
  const prisma = runtime.db.prisma;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c.*, EXTRACT(EPOCH FROM (now() - c.window_started_at))::float8 AS window_age,
      EXTRACT(EPOCH FROM (now() - c.rebuild_started_at))::float8 AS rebuild_elapsed,
      (SELECT count(*) FROM projection_skips s WHERE s.projection = c.name) AS skipped
    FROM projection_checkpoints c`;
  const byName = new Map(rows.map((row) => [row.name, row]));
  const [head] = await prisma.$queryRaw<{ head: bigint | null }[]>`SELECT max(global_position) AS head FROM events`;
  const headPosition = Number(head?.head ?? 0);
  const result: ProjectionHealth[] = [];
  for (const projection of projections) {
    const row = byName.get(projection.name);
    const checkpoint = Number(row?.position ?? 0);
    const lag = await lagAfter(runtime, checkpoint);
    result.push(toHealth(projection, row, checkpoint, headPosition, lag));
  }
  return result;
}

async function lagAfter(runtime: Runtime, checkpoint: number) {
  const [row] = await runtime.db.prisma.$queryRaw<{ n: bigint; oldest: number | null }[]>`
    SELECT count(*) AS n, EXTRACT(EPOCH FROM (clock_timestamp() - min(recorded_at)))::float8 AS oldest FROM (
      SELECT e.recorded_at FROM events e
      WHERE ${checkpoint} = 0 OR (e.transaction_id, e.global_position) >
        (SELECT transaction_id, global_position FROM events WHERE global_position = ${checkpoint})
      LIMIT ${LAG_COUNT_CAP + 1}) pending`;
  const n = Number(row?.n ?? 0);
  return {
    events: Math.min(n, LAG_COUNT_CAP),
    capped: n > LAG_COUNT_CAP,
    seconds: n === 0 ? 0 : Math.max(0, row?.oldest ?? 0),
  };
}

function toHealth(
  projection: Projection,
  row: Row | undefined,
  checkpoint: number,
  head: number,
  lag: { events: number; capped: boolean; seconds: number },
): ProjectionHealth {
  // Sliding window: this minute's count plus the share of last minute's that still falls in the last 60 s.
  const age = row?.window_age ?? Infinity;
  const throughput =
    age > 120 ? 0 : ((row?.window_count ?? 0) + ((row?.previous_window_count ?? 0) * Math.max(0, 60 - age)) / 60) / 60;
  let status: ProjectionHealth["status"] = (row?.status as ProjectionHealth["status"]) ?? "not_started";
  if (status === "running" && lag.events > 0 && lag.seconds > 2) status = "catching_up";
  if (status === "running" && row?.rebuild_requested) status = "stale";
  const processed = Number(row?.rebuild_processed ?? 0);
  const total = Number(row?.rebuild_total ?? 0);
  const elapsed = row?.rebuild_elapsed ?? 0;
  const rate = elapsed > 0 ? processed / elapsed : 0;
  return {
    name: projection.name,
    version: projection.version,
    storedVersion: row?.version ?? null,
    status,
    checkpoint,
    head,
    lagEvents: lag.events,
    lagCapped: lag.capped,
    lagSeconds: Math.round(lag.seconds * 10) / 10,
    throughput: Math.round(throughput * 100) / 100,
    eventsProcessed: Number(row?.events_processed ?? 0),
    lastProcessedAt: toIso(row?.last_processed_at),
    lastError: row?.last_error ?? null,
    failedEvent:
      row?.failed_position != null
        ? {
            position: Number(row.failed_position),
            eventId: row.failed_event_id,
            type: row.failed_event_type,
            at: toIso(row.failed_at),
          }
        : null,
    skippedEvents: Number(row?.skipped ?? 0),
    leaseOwner: row?.lease_owner ?? null,
    rebuild:
      row?.rebuild_started_at || row?.rebuild_requested
        ? {
            reason: row.rebuild_reason,
            startedAt: toIso(row.rebuild_started_at),
            processed,
            total,
            rate: Math.round(rate * 10) / 10,
            etaSeconds: rate > 0 ? Math.max(0, Math.round((total - processed) / rate)) : null,
          }
        : null,
    rebuiltAt: toIso(row?.rebuilt_at),
  };
}

export interface HorizonHealth extends ReadHorizon {
  /** Set when events have waited behind an open transaction longer than the threshold. */
  warning: string | null;
  thresholdSeconds: number;
}

/** A frozen horizon makes every projection look healthy while events pile up: say so, and name the culprit. */
export async function readHorizonHealth(
  runtime: Runtime,
  thresholdSeconds = 30,
  viewer: HorizonViewer = {},
): Promise<HorizonHealth> {
  return horizonHealth(await runtime.store.readHorizon(), thresholdSeconds, viewer);
}

/** Who reads the horizon: the open transaction's SQL only for those who may operate projections. */
export interface HorizonViewer {
  showQuery?: boolean;
}

export function horizonHealth(raw: ReadHorizon, thresholdSeconds = 30, viewer: HorizonViewer = {}): HorizonHealth {
  const horizon = viewer.showQuery ? raw : withoutQuery(raw);
  let warning: string | null = null;
  if (horizon.waitingEvents > 0 && horizon.oldestWaitingSeconds > thresholdSeconds) {
    const open = horizon.oldestOpenTransaction;
    const culprit = open
      ? `transaction of pid ${open.pid}${open.database ? ` in ${open.database}` : ""}, open for ${Math.round(open.ageSeconds)} s (${open.state ?? "unknown state"}${open.query ? `: ${open.query}` : ""})`
      : "an open transaction";
    warning = `The read horizon has not moved for ${Math.round(horizon.oldestWaitingSeconds)} s: ${horizon.waitingEvents} committed event(s) wait behind the ${culprit}. Projections cannot see them until it ends.`;
  }
  return { ...horizon, warning, thresholdSeconds };
}
