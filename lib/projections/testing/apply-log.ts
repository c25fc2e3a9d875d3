import type { Runtime } from "@/lib/server/runtime";
import { readAllSettled } from "@/lib/testing/read-settled";
import { type Projection, projectionContext } from "../types";

/**
 * For tests only (the engine does the real work): reads the global log after
 * `after` and applies each event the projection takes, one transaction per
 * event, into its live tables or (with a suffix) their shadow copies. Returns
 * the position to continue after.
 */
export async function applyLog(
  runtime: Runtime,
  projection: Projection,
  { after = 0, suffix = "" }: { after?: number; suffix?: string } = {},
): Promise<number> {
  const types = new Set(projection.eventTypes);
  let checkpoint = after;
  for (;;) {
    const page = await readAllSettled(runtime, checkpoint);
    if (page.events.length === 0) return checkpoint;
    for (const event of page.events) {
      if (!types.has(event.type)) continue;
      await runtime.db.prisma.$transaction((tx) => projection.apply(projectionContext(tx, projection, suffix), event));
    }
    checkpoint = page.checkpoint;
  }
}

/** Applies the log to several projections. */
export async function applyLogToAll(runtime: Runtime, projections: readonly Projection[], suffix = "") {
  for (const projection of projections) await applyLog(runtime, projection, { suffix });
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
export async function applyLogAndCheckpoint(runtime: Runtime, projection: Projection): Promise<number> {
  const position = await applyLog(runtime, projection);
  await runtime.db.prisma.$executeRaw`
    INSERT INTO projection_checkpoints (name, version, position) VALUES (${projection.name}, ${projection.version}, ${position})
    ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`;
  return position;
}
