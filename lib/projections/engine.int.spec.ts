import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { openServerDatabase } from "@/lib/db/open";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";
import { projectionAdmin } from "./admin";
import { applyBatch } from "./batch";
import { ensureCheckpoint, LeaseLostError, ProjectionPausedError, takeLease } from "./checkpoints";
import {
  accountWithHistory,
  actualCounts,
  countsProjection,
  createCountsTable,
  expectedCounts,
} from "./engine-testing/fixtures";
import { domainRegistry } from "@/lib/event-store/domain-registry";
import { appendInTransaction, prepareAppend } from "@/lib/event-store/append";
import { readHorizonHealth, readProjectionHealth } from "./health";
import { unprojectedForAccount, waitForProjection } from "./read-after-write";
import { ProjectionRunner } from "./runner";
import { defineReadModel, type Projection } from "./types";

let t: TestDatabase;
let runtime: Runtime;
const runners: ProjectionRunner[] = [];
const quiet = { pollMs: 50, leaseRetryMs: 100, log: () => undefined };

async function run(projections: Projection[], options: Record<string, unknown> = {}, rt = runtime) {
  const runner = new ProjectionRunner(rt, projections, { ...quiet, ...options });
  await runner.start();
  runners.push(runner);
  return runner;
}
/** The log after `position` once all `count` of the account's events are below the (cluster-wide) horizon. */
const readableEventsOf = (accountId: string, count: number, position: number) =>
  eventually(async () => {
    const { events } = await runtime.store.readAll({ after: position, limit: 1000 });
    expect(events.filter((e) => e.accountId === accountId)).toHaveLength(count);
    return events;
  });
const caughtUp = (weight = 1) =>
  eventually(async () => expect(await actualCounts(t.db)).toEqual(await expectedCounts(t.db, weight)), {
    timeoutMs: 15_000,
  });

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  await createCountsTable(t.db);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});
afterAll(async () => t?.drop());

describe("projection runner", () => {
  test("catches up, then is woken by new events (not by polling); read-after-write waits for them", async () => {
    const first = await accountWithHistory(runtime, 3);
    // Polling only once a minute: an event projected within seconds came through the wake-up (NOTIFY / in-process).
    await run([countsProjection()], { pollMs: 60_000 });
    await caughtUp();
    const result = await issueCommand(runtime, {
      type: "RenameAccount",
      data: { accountId: first, name: "Fresh name" },
      caller: { system: "test" },
      source: "system",
    });
    expect(await waitForProjection(t.db.prisma, "test-counts", result.position!, { timeoutMs: 10_000 })).toBe(true);
    expect(await unprojectedForAccount(t.db.prisma, "test-counts", first)).toBe(0);
    const [health] = await readProjectionHealth(runtime, [countsProjection()]);
    expect(health).toMatchObject({ name: "test-counts", status: "running", lagEvents: 0, storedVersion: 1 });
    expect(health!.throughput).toBeGreaterThan(0);
  });

  test("the same batch delivered twice has one effect", async () => {
    const projection = countsProjection();
    const checkpoint = await ensureCheckpoint(t.db.prisma, projection);
    const lease = await takeLease(t.db.prisma, projection.name, "test");
    const accountId = await accountWithHistory(runtime, 1, "twice");
    const events = await readableEventsOf(accountId, 2, checkpoint.position);
    await applyBatch(runtime, projection, lease, checkpoint.position, events);
    const once = await actualCounts(t.db);
    await expect(applyBatch(runtime, projection, lease, checkpoint.position, events)).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    expect(await actualCounts(t.db)).toEqual(once);
    expect(once.find((c) => c.accountId === accountId)?.events).toBe(2);
  });

  test("a pause takes effect at once: a batch read before it is refused whole", async () => {
    const projection = countsProjection();
    const checkpoint = await ensureCheckpoint(t.db.prisma, projection);
    const lease = await takeLease(t.db.prisma, projection.name, "test");
    const accountId = await accountWithHistory(runtime, 1, "paused");
    const events = await readableEventsOf(accountId, 2, checkpoint.position);
    const before = await actualCounts(t.db);
    await projectionAdmin(runtime, [projection]).pause(projection.name);
    await expect(applyBatch(runtime, projection, lease, checkpoint.position, events)).rejects.toBeInstanceOf(
      ProjectionPausedError,
    );
    expect(await actualCounts(t.db)).toEqual(before);
    await projectionAdmin(runtime, [projection]).resume(projection.name);
    await applyBatch(runtime, projection, lease, checkpoint.position, events);
    expect(await actualCounts(t.db)).not.toEqual(before);
  });

  test("two runners: one leads; kill its connection and the other takes over within seconds", async () => {
    const projection = countsProjection();
    const dbB = openServerDatabase(t.url, 4);
    const runtimeB = createRuntime(dbB);
    try {
      await run([projection], { owner: "runner-a" });
      await caughtUp();
      await run([projection], { owner: "runner-b" }, runtimeB);
      await accountWithHistory(runtime, 2);
      await caughtUp();
      const owner = async () =>
        (await t.db.prisma.projectionCheckpoint.findUnique({ where: { name: "test-counts" } }))!.leaseOwner;
      expect(await owner()).toBe("runner-a");

      // Kill runner A's lease connection, as a crash would.
      await t.db.prisma.$executeRaw`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'ledgerline-session'
          AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`;
      // The standby retries every 100 ms here (every second by default).
      await eventually(async () => expect(await owner()).toBe("runner-b"), { timeoutMs: 30_000 });
      // B applies what comes next; A, fenced off by the new epoch, applies nothing twice.
      await accountWithHistory(runtime, 3);
      await caughtUp();
    } finally {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await dbB.close();
    }
  });

  test("a poison event stops that projection only, named; retry after a fix continues; skip is recorded", async () => {
    let broken = true;
    const poison = (event: { type: string; data: Record<string, unknown> }) => broken && event.data.name === "POISON";
    const fragile = defineReadModel({
      name: "test-fragile",
      version: 1,
      eventTypes: countsProjection().eventTypes,
      tables: {},
      keys: () => ({}),
      fold(_rows, event) {
        if (poison(event)) throw new Error("cannot handle a poisoned name");
      },
    });
    await run([countsProjection(), fragile]);
    const accountId = await accountWithHistory(runtime, 1, "poison");
    const bad = await issueCommand(runtime, {
      type: "RenameAccount",
      data: { accountId, name: "POISON" },
      caller: { system: "test" },
      source: "system",
    });
    await accountWithHistory(runtime, 1, "after");

    await eventually(async () => {
      const health = await readProjectionHealth(runtime, [fragile]);
      expect(health[0]).toMatchObject({
        status: "failed",
        failedEvent: { position: bad.position, type: "AccountRenamed" },
        lastError: expect.stringContaining("cannot handle a poisoned name"),
      });
    });
    await caughtUp(); // the healthy projection kept going, past the same event

    broken = false;
    await projectionAdmin(runtime, [fragile]).retry("test-fragile");
    await eventually(async () => {
      const [health] = await readProjectionHealth(runtime, [fragile]);
      expect(health).toMatchObject({ status: "running", lagEvents: 0, failedEvent: null });
    });

    broken = true;
    await issueCommand(runtime, {
      type: "RenameAccount",
      data: { accountId, name: "Healthy again" },
      caller: { system: "test" },
      source: "system",
    });
    const second = await issueCommand(runtime, {
      type: "RenameAccount",
      data: { accountId, name: "POISON" },
      caller: { system: "test" },
      source: "system",
    });
    await eventually(async () => expect((await readProjectionHealth(runtime, [fragile]))[0]!.status).toBe("failed"));
    await projectionAdmin(runtime, [fragile]).skip("test-fragile", "user:dana", "Known bad rename, fixed by hand");
    await eventually(async () => {
      const [health] = await readProjectionHealth(runtime, [fragile]);
      expect(health).toMatchObject({ status: "running", skippedEvents: 1, lagEvents: 0 });
    });
    const skips = await t.db.prisma.projectionSkip.findMany({ where: { projection: "test-fragile" } });
    expect(skips).toEqual([
      expect.objectContaining({
        position: BigInt(second.position!),
        skippedBy: "user:dana",
        eventType: "AccountRenamed",
      }),
    ]);
  });

  test("a new code version marks the rows stale and rebuilds them in shadow tables while 4 writers append", async () => {
    await run([countsProjection()]);
    await caughtUp();
    await Promise.all(runners.splice(0).map((r) => r.stop()));

    const v2 = countsProjection({ version: 2, weight: 10 });
    expect((await ensureCheckpoint(t.db.prisma, v2)).status).toBe("stale");
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 5; i++) await accountWithHistory(runtime, 1, `w${w}`);
    });
    await run([v2], { batchSize: 5 });
    await Promise.all(writers);
    await eventually(
      async () => {
        expect(await actualCounts(t.db)).toEqual(await expectedCounts(t.db, 10));
        const [health] = await readProjectionHealth(runtime, [v2]);
        expect(health).toMatchObject({ status: "running", storedVersion: 2, lagEvents: 0, rebuild: null });
        expect(health!.rebuiltAt).not.toBeNull();
      },
      { timeoutMs: 20_000 },
    );
  });

  test("a slow transaction with an earlier position: nothing is missed, and the horizon warning names it", async () => {
    await run([countsProjection({ version: 2, weight: 10 })]);
    const accountId = await accountWithHistory(runtime, 0, "slow");
    await caughtUp(10);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const options = {
      expectedVersion: "any" as const,
      metadata: {
        actor: { type: "system" as const, id: "test" },
        source: "system" as const,
        requestId: "slow",
        correlationId: "slow",
        appVersion: "test",
        accountId,
      },
    };
    const streamId = `account-${accountId}`;
    let heldPosition = 0;
    const held = t.db.prisma.$transaction(
      async (tx) => {
        const prepared = prepareAppend(
          domainRegistry,
          streamId,
          [{ type: "AccountRenamed", data: { accountId, name: "Slow rename" } }],
          options,
        );
        heldPosition = (await appendInTransaction(tx, streamId, prepared, options)).position;
        await gate;
      },
      { timeout: 30_000 },
    );
    await eventually(async () => expect(heldPosition).toBeGreaterThan(0));
    const later = await accountWithHistory(runtime, 1, "fast");
    await new Promise((r) => setTimeout(r, 1200));

    const horizon = await readHorizonHealth(runtime, 1);
    expect(horizon.warning).toMatch(
      /has not moved for \d+ s: \d+ committed event\(s\) wait behind the transaction of pid \d+/,
    );
    const counts = await actualCounts(t.db);
    expect(counts.find((c) => c.accountId === later)).toBeUndefined(); // held back, not skipped

    release();
    await held;
    await caughtUp(10);
    expect((await actualCounts(t.db)).find((c) => c.accountId === accountId)?.events).toBe(20);
    await eventually(async () => expect((await readHorizonHealth(runtime, 1)).warning).toBeNull());
  });

  test("rebuilding one account touches only its rows and ends equal to a full rebuild", async () => {
    const projection = countsProjection({ version: 2, weight: 10 });
    await run([projection]);
    const mine = await accountWithHistory(runtime, 2, "fixme");
    const other = await accountWithHistory(runtime, 2, "leave");
    await eventually(async () => expect(await actualCounts(t.db)).toEqual(await expectedCounts(t.db, 10)));
    await t.db.prisma.$executeRaw`UPDATE rm_test_counts SET events = -1 WHERE account_id IN (${mine}, ${other})`;

    const [result] = await projectionAdmin(runtime, [projection]).rebuildAccount(mine, "test-counts");
    expect(result).toMatchObject({ accountId: mine, eventsReplayed: 3 });
    const counts = await actualCounts(t.db);
    expect(counts.find((c) => c.accountId === mine)?.events).toBe(30);
    expect(counts.find((c) => c.accountId === other)?.events).toBe(-1); // untouched

    await projectionAdmin(runtime, [projection]).rebuildAccount(other, "test-counts");
    expect(await actualCounts(t.db)).toEqual(await expectedCounts(t.db, 10));
  });
});
