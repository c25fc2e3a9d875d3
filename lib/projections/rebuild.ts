import { DomainError } from "@/lib/domain";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RecordedEvent } from "@/lib/event-store";
import type { Queryable } from "@/lib/event-store/rows";
import type { Runtime } from "@/lib/server/runtime";
import { applyEvents, batchTransaction, rebuildAccountRows, replayFrom } from "./batch";
import { type Lease, LeaseLostError, readCheckpoint } from "./checkpoints";
import { buildShadowIndexes, createShadowTable, liveIndexNames, renameShadowIndexes } from "./shadow-indexes";
import { recordThroughput } from "./throughput";
import { projectionContext, type ReadModel } from "./types";

export const SHADOW = "__shadow";
const ident = (name: string) => Prisma.raw(`"${name}"`);

/** Locks the checkpoint row and checks the lease (and, during a rebuild, where the shadow got to). */
async function lockRebuild(tx: Queryable, lease: Lease, shadowPosition?: number) {
  const checkpoint = await readCheckpoint(tx, lease.name, true);
  const ok =
    checkpoint?.leaseEpoch === lease.epoch &&
    (shadowPosition === undefined ||
      (checkpoint.status === "rebuilding" && checkpoint.rebuildPosition === shadowPosition));
  if (!ok) throw new LeaseLostError(lease.name);
  return checkpoint!;
}

/**
 * Starts (or resumes, after a crash) a rebuild: empty shadow copies of the
 * read model's tables, filled from position 0 while the live tables keep
 * serving reads. Returns the shadow's position.
 */
export async function startRebuild(runtime: Runtime, projection: ReadModel, lease: Lease): Promise<number> {
  return batchTransaction(runtime, async (tx) => {
    const checkpoint = await lockRebuild(tx, lease);
    const shadowsExist = await allShadowsExist(tx, projection);
    if (checkpoint.status === "rebuilding" && checkpoint.rebuildPosition !== null && shadowsExist) {
      return checkpoint.rebuildPosition;
    }
    for (const table of projection.tables) await createShadowTable(tx, table, SHADOW);
    await tx.$executeRaw`
      UPDATE projection_checkpoints SET status = 'rebuilding', rebuild_started_at = now(), rebuild_position = 0,
        rebuild_processed = 0, rebuild_total = (SELECT coalesce(max(global_position), 0) FROM events), updated_at = now()
      WHERE name = ${lease.name}`;
    return 0;
  });
}

async function allShadowsExist(tx: Queryable, projection: ReadModel): Promise<boolean> {
  const names = projection.tables.map((t) => t + SHADOW);
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_name = ANY(${names}::text[])`;
  return Number(row?.n ?? 0) === names.length;
}

/** One batch (read after `from`) into the shadow tables; returns the shadow's new position (unchanged when caught up). */
export async function rebuildBatch(
  runtime: Runtime,
  projection: ReadModel,
  lease: Lease,
  from: number,
  events: readonly RecordedEvent[],
) {
  if (events.length === 0) return { position: from, processed: 0 };
  const position = events.at(-1)!.position;
  await batchTransaction(runtime, async (tx) => {
    await lockRebuild(tx, lease, from);
    // Nobody reads the shadow yet: if the database crashes before this commit reaches the disk, the
    // rebuild (position and rows alike) resumes from an earlier batch; so don't wait for the flush.
    await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
    const ctx = projectionContext(tx, projection, SHADOW);
    await applyEvents(ctx, projection, events, replayFrom(runtime, tx));
    await tx.$executeRaw`
      UPDATE projection_checkpoints SET rebuild_position = ${position},
        rebuild_processed = coalesce(rebuild_processed, 0) + ${events.length}, updated_at = now()
      WHERE name = ${lease.name}`;
    await recordThroughput(tx, lease.name, events.length);
  });
  return { position, processed: events.length };
}

/**
 * Puts the caught-up shadow tables in place of the live ones in one
 * transaction, with the checkpoint at the shadow's position and the code's
 * version: first builds the shadows' secondary indexes (the live tables keep
 * serving reads meanwhile), then renames, and the indexes take the live
 * ones' names. Events written meanwhile are simply the next batches.
 */
export async function swapRebuild(runtime: Runtime, projection: ReadModel, lease: Lease, position: number) {
  await batchTransaction(
    runtime,
    async (tx) => {
      await lockRebuild(tx, lease, position);
      for (const table of projection.tables) await buildShadowIndexes(tx, table, SHADOW);
      for (const table of projection.tables) {
        const names = await liveIndexNames(tx, table, SHADOW);
        await tx.$executeRaw`ALTER TABLE ${ident(table)} RENAME TO ${ident(`${table}__retired`)}`;
        await tx.$executeRaw`ALTER TABLE ${ident(table + SHADOW)} RENAME TO ${ident(table)}`;
        await tx.$executeRaw`DROP TABLE ${ident(`${table}__retired`)}`;
        await renameShadowIndexes(tx, table, names);
      }
      await tx.$executeRaw`
      UPDATE projection_checkpoints SET position = ${position}, version = ${projection.version}, status = 'running',
        rebuild_requested = false, rebuild_reason = NULL, rebuild_started_at = NULL, rebuild_position = NULL,
        rebuild_processed = NULL, rebuild_total = NULL, rebuilt_at = now(), last_error = NULL,
        failed_position = NULL, failed_event_id = NULL, failed_event_type = NULL, failed_at = NULL, updated_at = now()
      WHERE name = ${lease.name}`;
    },
    SWAP_TIMEOUT,
  );
}

/** Building the indexes of millions of rows takes a while. */
const SWAP_TIMEOUT = 30 * 60_000;

/**
 * Rebuilds one account's rows in place (after a fix to its data or to the
 * projection): deletes them and replays that account's events up to the
 * checkpoint, in one transaction that holds the checkpoint row, so no batch
 * interleaves. Other accounts' rows are not touched.
 */
export async function rebuildAccount(runtime: Runtime, projection: ReadModel, accountId: string) {
  return batchTransaction(runtime, async (tx) => {
    const checkpoint = await readCheckpoint(tx, projection.name, true);
    // Refusals the caller can act on (422), not our failures: nothing has been written yet.
    if (!checkpoint) {
      throw new DomainError(
        "PROJECTION_NOT_STARTED",
        `${projection.name} has not run yet: it has no rows to rebuild, and its first run builds them all.`,
      );
    }
    if (checkpoint.status === "rebuilding") {
      throw new DomainError(
        "PROJECTION_REBUILDING",
        `${projection.name} is being rebuilt in full; the rebuild will include this account`,
      );
    }
    const ctx = projectionContext(tx, projection);
    const upTo = { accountId, position: checkpoint.position };
    const applied = await rebuildAccountRows(ctx, projection, upTo, replayFrom(runtime, tx));
    return { projection: projection.name, accountId, eventsReplayed: applied, upToPosition: checkpoint.position };
  });
}
