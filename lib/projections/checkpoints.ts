import type { Queryable } from "@/lib/event-store/rows";
import { recordThroughput } from "./throughput";
import type { Projection } from "./types";

export type ProjectionStatus = "running" | "stale" | "rebuilding" | "failed" | "paused";

export interface Checkpoint {
  name: string;
  version: number;
  position: number;
  status: ProjectionStatus;
  leaseEpoch: number;
  rebuildRequested: boolean;
  rebuildPosition: number | null;
  failedPosition: number | null;
}

/** A runner's claim: it may write this projection's checkpoint while the epoch is still current. */
export interface Lease {
  name: string;
  epoch: number;
  owner: string;
}

/** The checkpoint moved by someone else: this runner lost its lease (or an admin acted). Stop and reload. */
export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
  constructor(projection: string) {
    super(`${projection}: the checkpoint moved under this runner (lease lost or changed by an admin)`);
  }
}

/** An admin paused the projection: the batch in flight is refused whole, so a pause takes effect at once. */
export class ProjectionPausedError extends Error {
  override readonly name = "ProjectionPausedError";
  constructor(projection: string) {
    super(`${projection} is paused`);
  }
}

type Row = {
  name: string;
  version: number;
  position: bigint;
  status: ProjectionStatus;
  lease_epoch: bigint;
  rebuild_requested: boolean;
  rebuild_position: bigint | null;
  failed_position: bigint | null;
};

const toCheckpoint = (row: Row): Checkpoint => ({
  name: row.name,
  version: row.version,
  position: Number(row.position),
  status: row.status,
  leaseEpoch: Number(row.lease_epoch),
  rebuildRequested: row.rebuild_requested,
  rebuildPosition: row.rebuild_position === null ? null : Number(row.rebuild_position),
  failedPosition: row.failed_position === null ? null : Number(row.failed_position),
});

/**
 * The projection's row, created on first sight. A stored version that is not
 * the code's marks the read model stale: it keeps serving until a rebuild
 * under the new version replaces it. A read model first seen when the log
 * already holds more than `buildInShadowAbove` events is built like a
 * rebuild (in shadow tables, their secondary indexes made once at the end),
 * which is much faster than catching up into the indexed tables.
 */
export async function ensureCheckpoint(
  db: Queryable,
  projection: Projection,
  { buildInShadowAbove = Infinity }: { buildInShadowAbove?: number } = {},
): Promise<Checkpoint> {
  const shadow = !projection.reactor && Number.isFinite(buildInShadowAbove);
  await db.$executeRaw`
    INSERT INTO projection_checkpoints (name, version, status, rebuild_requested, rebuild_reason)
    SELECT ${projection.name}, ${projection.version}, 'stale', true, 'first build, over ' || n || ' events'
    FROM (SELECT coalesce(max(global_position), 0) AS n FROM events) log
    WHERE ${shadow} AND n > ${shadow ? buildInShadowAbove : 0}
    ON CONFLICT (name) DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO projection_checkpoints (name, version) VALUES (${projection.name}, ${projection.version})
    ON CONFLICT (name) DO NOTHING`;
  await db.$executeRaw`
    UPDATE projection_checkpoints
    SET status = 'stale', rebuild_requested = true,
        rebuild_reason = 'code version ' || ${projection.version}::int || ' replaces stored version ' || version,
        updated_at = now()
    WHERE name = ${projection.name} AND version <> ${projection.version} AND status NOT IN ('stale', 'rebuilding')`;
  return (await readCheckpoint(db, projection.name))!;
}

export async function readCheckpoint(db: Queryable, name: string, forUpdate = false): Promise<Checkpoint | null> {
  const [row] = forUpdate
    ? await db.$queryRaw<Row[]>`
        SELECT name, version, position, status, lease_epoch, rebuild_requested, rebuild_position, failed_position
        FROM projection_checkpoints WHERE name = ${name} FOR UPDATE`
    : await db.$queryRaw<Row[]>`
        SELECT name, version, position, status, lease_epoch, rebuild_requested, rebuild_position, failed_position
        FROM projection_checkpoints WHERE name = ${name}`;
  return row ? toCheckpoint(row) : null;
}

/** Takes the lease: bumps the epoch, which fences off every earlier holder's writes. */
export async function takeLease(db: Queryable, name: string, owner: string): Promise<Lease> {
  const [row] = await db.$queryRaw<{ lease_epoch: bigint }[]>`
    UPDATE projection_checkpoints SET lease_epoch = lease_epoch + 1, lease_owner = ${owner}, updated_at = now()
    WHERE name = ${name} RETURNING lease_epoch`;
  if (!row) throw new Error(`no checkpoint row for ${name}`);
  return { name, epoch: Number(row.lease_epoch), owner };
}

/**
 * Opens a batch: locks the checkpoint row (so batches, per-account rebuilds
 * and admin actions on one projection serialise) and checks that the lease
 * and the expected position still hold.
 */
export async function lockForBatch(tx: Queryable, lease: Lease, expectedPosition: number): Promise<Checkpoint> {
  const checkpoint = await readCheckpoint(tx, lease.name, true);
  if (!checkpoint || checkpoint.leaseEpoch !== lease.epoch || checkpoint.position !== expectedPosition) {
    throw new LeaseLostError(lease.name);
  }
  if (checkpoint.status === "paused") throw new ProjectionPausedError(lease.name);
  return checkpoint;
}

/**
 * Moves the checkpoint forward after a batch (in the batch's transaction) and
 * keeps a two-minute sliding window of throughput (and the console's chart buckets).
 */
export async function advanceCheckpoint(tx: Queryable, lease: Lease, position: number, processed: number) {
  const moved = await tx.$executeRaw`
    UPDATE projection_checkpoints SET
      position = ${position},
      events_processed = events_processed + ${processed},
      last_processed_at = now(),
      previous_window_count = CASE
        WHEN window_started_at IS NULL OR window_started_at < now() - interval '60 seconds' THEN
          CASE WHEN window_started_at >= now() - interval '120 seconds' THEN window_count ELSE 0 END
        ELSE previous_window_count END,
      window_count = CASE
        WHEN window_started_at IS NULL OR window_started_at < now() - interval '60 seconds' THEN ${processed}
        ELSE window_count + ${processed} END,
      window_started_at = CASE
        WHEN window_started_at IS NULL OR window_started_at < now() - interval '60 seconds' THEN now()
        ELSE window_started_at END,
      updated_at = now()
    WHERE name = ${lease.name} AND lease_epoch = ${lease.epoch}`;
  if (moved !== 1) throw new LeaseLostError(lease.name);
  await recordThroughput(tx, lease.name, processed);
}

/** Records the code's version without a rebuild (for reactors, which have no rows). */
export async function adoptVersion(db: Queryable, lease: Lease, version: number): Promise<void> {
  const moved = await db.$executeRaw`
    UPDATE projection_checkpoints SET version = ${version}, status = 'running', rebuild_requested = false,
      rebuild_reason = NULL, updated_at = now()
    WHERE name = ${lease.name} AND lease_epoch = ${lease.epoch}`;
  if (moved !== 1) throw new LeaseLostError(lease.name);
}
