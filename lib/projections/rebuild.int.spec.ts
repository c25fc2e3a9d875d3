import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";
import { tableChecksum } from "./checksum";
import { ensureCheckpoint, takeLease } from "./checkpoints";
import { readProjectionHealth } from "./health";
import { projectionByName } from "./registry";
import { rebuildBatch, SHADOW, startRebuild, swapRebuild } from "./rebuild";
import { ProjectionRunner } from "./runner";
import { applyLog } from "./testing/apply-log";
import { buildHistory } from "./testing/history";
import type { ReadModel } from "./types";

let t: TestDatabase;
let runtime: Runtime;
const runners: ProjectionRunner[] = [];
const timeline = projectionByName("account-timeline") as ReadModel;
const trials = projectionByName("trial-conversions") as ReadModel;

const indexesOf = (table: string) =>
  t.db.prisma.$queryRaw<{ name: string; def: string }[]>`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = ${table} ORDER BY indexname`;
const constraintsOf = (table: string) =>
  t.db.prisma.$queryRaw<{ name: string }[]>`
    SELECT conname AS name FROM pg_constraint WHERE conrelid = ${table}::regclass ORDER BY conname`;

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  await seedDemoData(runtime, { accounts: 3, concurrency: 4 });
  await buildHistory(runtime);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});
afterAll(async () => t?.drop());

describe("rebuilds", () => {
  test("fill shadows that have only the indexes batches use, then swap in the same rows, every index under its name", async () => {
    await applyLog(runtime, timeline);
    const before = await Promise.all(
      timeline.tables.map(async (table) => ({
        indexes: await indexesOf(table),
        constraints: await constraintsOf(table),
        rows: await tableChecksum(t.db.prisma, table),
      })),
    );
    await ensureCheckpoint(t.db.prisma, timeline);
    await t.db.prisma
      .$executeRaw`UPDATE projection_checkpoints SET rebuild_requested = true WHERE name = ${timeline.name}`;
    const lease = await takeLease(t.db.prisma, timeline.name, "test");
    let position = await startRebuild(runtime, timeline, lease);
    // While it fills: the primary key (upserts, loads) and one index by account (an erasure's delete).
    expect((await indexesOf(`rm_timeline${SHADOW}`)).map((i) => i.name)).toEqual([
      "rm_timeline_account_idx__shadow",
      "rm_timeline_pkey__shadow",
    ]);
    for (;;) {
      const { events } = await runtime.store.readAll({ after: position, limit: 50 });
      const batch = await rebuildBatch(runtime, timeline, lease, position, events);
      if (batch.processed === 0) break;
      position = batch.position;
    }
    await swapRebuild(runtime, timeline, lease, position);
    const after = await Promise.all(
      timeline.tables.map(async (table) => ({
        indexes: await indexesOf(table),
        constraints: await constraintsOf(table),
        rows: await tableChecksum(t.db.prisma, table),
      })),
    );
    expect(after).toEqual(before);
    expect(before[0]!.indexes.length).toBeGreaterThan(10);
  });

  test("a read model first seen over a long log is built like a rebuild, in shadow tables", async () => {
    await applyLog(runtime, trials, { suffix: "", after: 0 });
    const expected = await tableChecksum(t.db.prisma, "rm_trial_conversions");
    await t.db.prisma.$executeRaw`TRUNCATE rm_trial_conversions`;
    await t.db.prisma.$executeRaw`DELETE FROM projection_checkpoints WHERE name = ${trials.name}`;
    const runner = new ProjectionRunner(runtime, [trials], {
      buildInShadowAbove: 0,
      pollMs: 50,
      log: () => undefined,
    });
    runners.push(runner);
    await runner.start();
    await eventually(async () => {
      const [health] = await readProjectionHealth(runtime, [trials]);
      expect(health).toMatchObject({ status: "running", lagEvents: 0, rebuild: null });
      expect(health!.rebuiltAt).not.toBeNull();
    });
    expect(await tableChecksum(t.db.prisma, "rm_trial_conversions")).toEqual(expected);
  });

  test("a capped rebuild keeps to its pace, shows its progress batch by batch, and ends with the same rows", async () => {
    await applyLog(runtime, trials, { suffix: "", after: 0 });
    const expected = await tableChecksum(t.db.prisma, "rm_trial_conversions");
    const total = (await runtime.store.readHorizon()).headPosition;
    await ensureCheckpoint(t.db.prisma, trials);
    await t.db.prisma
      .$executeRaw`UPDATE projection_checkpoints SET rebuild_requested = true WHERE name = ${trials.name}`;
    // The whole log in about a second and a half, so several batches.
    const cap = Math.ceil(total / 1.5);
    const runner = new ProjectionRunner(runtime, [trials], {
      rebuildEventsPerSecond: cap,
      pollMs: 50,
      log: () => undefined,
    });
    runners.push(runner);
    const started = Date.now();
    await runner.start();
    const seen = new Set<number>();
    await eventually(
      async () => {
        const [health] = await readProjectionHealth(runtime, [trials]);
        if (health!.rebuild?.processed) seen.add(health!.rebuild.processed);
        expect(health).toMatchObject({ status: "running", rebuild: null });
      },
      { intervalMs: 50 },
    );
    // A lower bound only (a loaded machine is slower, never faster): the last batch needs no wait.
    expect(Date.now() - started).toBeGreaterThanOrEqual(((total - Math.ceil(cap / 4)) / cap) * 1000);
    expect(seen.size).toBeGreaterThanOrEqual(2);
    expect(await tableChecksum(t.db.prisma, "rm_trial_conversions")).toEqual(expected);
  });
});
