import type { Runtime } from "@/lib/server/runtime";
import { readAllSettled } from "@/lib/testing/read-settled";
import { applyEvents, batchTransaction, replayFrom } from "../batch";
import { type Projection, projectionContext, type ReadModel } from "../types";

/**
 * For tests only (the engine does the real work): reads the global log after
 * `after` and applies it a page (`batchSize` events) at a time, as the engine
 * applies a batch, into the read model's live tables or (with a suffix) their
 * shadow copies; no checkpoint. Returns the position to continue after.
 */
export async function applyLog(
  runtime: Runtime,
  projection: ReadModel,
  { after = 0, suffix = "", batchSize = 500 }: { after?: number; suffix?: string; batchSize?: number } = {},
): Promise<number> {
  let checkpoint = after;
  for (;;) {
    const page = await readAllSettled(runtime, checkpoint, { limit: batchSize });
    if (page.events.length === 0) return checkpoint;
    await batchTransaction(runtime, (tx) =>
      applyEvents(projectionContext(tx, projection, suffix), projection, page.events, replayFrom(runtime, tx)),
    );
    checkpoint = page.checkpoint;
  }
}

/** Applies the log to several read models. */
export async function applyLogToAll(runtime: Runtime, projections: readonly Projection[], suffix = "") {
  for (const projection of projections) if (!projection.reactor) await applyLog(runtime, projection, { suffix });
}

/** Creates empty shadow copies of a projection's tables, as a rebuild does. */
export async function createShadows(runtime: Runtime, projection: Projection, suffix = "__shadow") {
  for (const table of projection.tables) {
    await runtime.db.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS "${table}${suffix}"`);
    await runtime.db.prisma.$executeRawUnsafe(`CREATE TABLE "${table}${suffix}" (LIKE "${table}" INCLUDING ALL)`);
  }
}

/**
 * Applies the log and moves the projection's checkpoint to where it got, as
 * the engine would: for tests of what reads count as not yet projected.
 */
export async function applyLogAndCheckpoint(runtime: Runtime, projection: ReadModel): Promise<number> {
  const position = await applyLog(runtime, projection);
  await runtime.db.prisma.$executeRaw`
    INSERT INTO projection_checkpoints (name, version, position) VALUES (${projection.name}, ${projection.version}, ${position})
    ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`;
  return position;
}
