import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";
import { appendInTransaction, prepareAppend } from "./append";
import { createEventStore, type EventStore } from "./event-store";
import { increment, testMetadata, testRegistry } from "./test-fixtures";
import type { AppendOptions } from "./types";

/** Needs two real connections, so it runs against the server only. */
describe("global log under concurrent transactions", () => {
  let t: TestDatabase;
  let store: EventStore;
  const options: AppendOptions = { expectedVersion: "any", metadata: testMetadata() };

  beforeAll(async () => {
    t = await createTestDatabase();
    store = createEventStore(t.db, { registry: testRegistry });
  });
  afterAll(async () => t?.drop());

  /** Starts an append and keeps its transaction open until release() is called. */
  async function appendHeldOpen(streamId: string) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let appended!: (position: number) => void;
    const position = new Promise<number>((resolve) => (appended = resolve));
    const done = t.db.prisma.$transaction(
      async (tx) => {
        const result = await appendInTransaction(
          tx,
          streamId,
          prepareAppend(testRegistry, streamId, [increment(1)], options),
          options,
        );
        appended(result.position);
        await gate;
        return result;
      },
      { timeout: 30_000 },
    );
    return { position: await position, release, done };
  }

  const readEverything = async (after: number) => {
    const out: { position: number; streamId: string }[] = [];
    for (;;) {
      const page = await store.readAll({ after, limit: 100 });
      if (page.events.length === 0) return { events: out, checkpoint: after };
      out.push(...page.events.map((e) => ({ position: e.position, streamId: e.streamId })));
      after = page.checkpoint;
    }
  };

  test("an earlier position still open hides the later commit until it commits, then both come in order", async () => {
    const base = await store.append("counter-base", [increment()], options);
    const { checkpoint } = await eventually(async () => {
      const read = await readEverything(0);
      expect(read.events.at(-1)?.position).toBe(base.position);
      return read;
    });

    const slow = await appendHeldOpen("counter-slow");
    const fast = await store.append("counter-fast", [increment(2)], options);
    expect(fast.position).toBeGreaterThan(slow.position);

    // The later event is committed, but the earlier position is still in flight: neither is delivered.
    const whileOpen = await readEverything(checkpoint);
    expect(whileOpen.events).toEqual([]);
    expect(whileOpen.checkpoint).toBe(checkpoint);
    const horizon = await store.readHorizon();
    expect(horizon).toMatchObject({ safePosition: base.position, headPosition: fast.position, waitingEvents: 1 });
    expect(horizon.oldestOpenTransaction?.pid).toEqual(expect.any(Number));
    expect(horizon.oldestOpenTransaction?.ageSeconds).toBeGreaterThanOrEqual(0);

    slow.release();
    await slow.done;
    await eventually(async () => {
      const after = await readEverything(checkpoint);
      expect(after.events).toEqual([
        { position: slow.position, streamId: "counter-slow" },
        { position: fast.position, streamId: "counter-fast" },
      ]);
      expect(await store.readHorizon()).toMatchObject({ safePosition: fast.position, waitingEvents: 0 });
    });
  });

  test("a transaction left open is named by the horizon, with its pid and age", async () => {
    const client = await t.client();
    await client.query("BEGIN");
    const [{ pid }] = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_current_xact_id()"))
      .rows as [{ pid: number }];
    await store.append("counter-after-open", [increment()], options);
    await new Promise((r) => setTimeout(r, 1100));
    // The oldest open transaction is cluster-wide: another test's may be older for a moment.
    await eventually(async () => {
      const horizon = await store.readHorizon();
      expect(horizon.waitingEvents).toBeGreaterThanOrEqual(1);
      expect(horizon.oldestOpenTransaction).toMatchObject({ pid, database: t.name });
      expect(horizon.oldestOpenTransaction!.ageSeconds).toBeGreaterThanOrEqual(1);
    });
    await client.query("ROLLBACK");
    await eventually(async () => expect((await store.readHorizon()).waitingEvents).toBe(0));
  });
});

describe("global log order under contention", () => {
  let t: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    t = await createTestDatabase({ poolMax: 24 });
    store = createEventStore(t.db, { registry: testRegistry });
  });
  afterAll(async () => t?.drop());

  test("each stream's events come out of readAll in version order, whatever the interleaving", async () => {
    const streams = ["counter-x", "counter-y"];
    // Racing writers with idempotency keys: each write claims its key, then queues for the stream's lock.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.append(streams[i % 2]!, [increment(i + 1)], {
          expectedVersion: "any",
          metadata: testMetadata(),
          idempotency: { key: `order-${i}` },
        }),
      ),
    );
    const seen = new Map<string, number[]>();
    let after = 0;
    await eventually(async () => {
      for (;;) {
        const page = await store.readAll({ after, limit: 7 });
        if (page.events.length === 0) break;
        for (const e of page.events) seen.set(e.streamId, [...(seen.get(e.streamId) ?? []), e.version]);
        after = page.checkpoint;
      }
      expect([...seen.values()].flat()).toHaveLength(40);
    });
    for (const id of streams) {
      expect(seen.get(id)).toEqual(Array.from({ length: 20 }, (_, v) => v + 1));
    }
  });
});
