/**
 * The read models as the suite checks them: caught up with the log, each
 * table's checksum (lib/projections/checksum.ts), and a clean rebuild of
 * every read model from position 0 in shadow tables by whichever runner
 * leads (the engine's own rebuild, run once without interruption).
 */
import { projectionAdmin } from "@/lib/projections/admin";
import { tableChecksum } from "@/lib/projections/checksum";
import { readProjectionHealth } from "@/lib/projections/health";
import { logConsumers } from "@/lib/server/projector";
import type { Runtime } from "@/lib/server/runtime";
import { eventually } from "@/lib/testing/eventually";

/** Waits (bounded) until every log consumer runs with no lag; throws with the last health otherwise. */
export async function caughtUp(runtime: Runtime, timeoutMs = 180_000): Promise<void> {
  await eventually(
    async () => {
      const behind = (await readProjectionHealth(runtime, logConsumers(runtime)))
        .filter((h) => h.status !== "running" || h.lagEvents > 0)
        .map((h) => `${h.name}: ${h.status}, ${h.lagEvents} behind`);
      if (behind.length > 0) throw new Error(`projections not caught up: ${behind.join("; ")}`);
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/** Every read model table's checksum, by table name. */
export async function readModelChecksums(runtime: Runtime): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const projection of logConsumers(runtime)) {
    for (const table of projection.tables) {
      const { rows, md5 } = await tableChecksum(runtime.db.prisma, table);
      result[table] = `${rows} rows, md5 ${md5}`;
    }
  }
  return result;
}

/** Asks for a rebuild of every read model and waits (bounded) until each is rebuilt and caught up again. */
export async function rebuildAll(runtime: Runtime, timeoutMs = 180_000): Promise<void> {
  const consumers = logConsumers(runtime);
  const admin = projectionAdmin(runtime, consumers);
  const models = consumers.filter((p) => !p.reactor);
  const before = new Map((await readProjectionHealth(runtime, models)).map((h) => [h.name, h.rebuiltAt]));
  for (const projection of models) await admin.rebuild(projection.name, "reliability: clean rebuild to compare");
  await eventually(
    async () => {
      const pending = (await readProjectionHealth(runtime, models))
        .filter((h) => h.rebuiltAt === null || h.rebuiltAt === before.get(h.name) || h.status !== "running")
        .map((h) => `${h.name}: ${h.status}`);
      if (pending.length > 0) throw new Error(`rebuilds not done: ${pending.join("; ")}`);
    },
    { timeoutMs, intervalMs: 250 },
  );
  await caughtUp(runtime, timeoutMs);
}
