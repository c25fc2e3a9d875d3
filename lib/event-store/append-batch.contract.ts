import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/lib/db/types";
import { BatchRefused } from "./append-batch";
import { createEventStore, type EventStore } from "./event-store";
import { increment, supersedingRegistry, testMetadata, testRegistry } from "./test-fixtures";

/**
 * Appends to several streams in one statement (a command and its follow-ups):
 * all or nothing, on the PostgreSQL server and on embedded PGlite.
 */
export function appendBatchContract(
  backend: string,
  open: () => Promise<{ db: Database; close: () => Promise<void> }>,
) {
  describe(`appends to several streams at once (${backend})`, () => {
    let db: Database;
    let close: () => Promise<void>;
    let store: EventStore;
    const stream = () => `counter-${randomUUID().slice(0, 8)}`;
    const meta = () => testMetadata();
    const headOf = async (streamId: string) =>
      (await db.prisma.$queryRaw<{ version: number }[]>`SELECT version FROM streams WHERE stream_id = ${streamId}`)[0]
        ?.version ?? null;
    const keyTaken = async (key: string) =>
      (await db.prisma.$queryRaw<unknown[]>`SELECT 1 FROM idempotency_keys WHERE key = ${key}`).length > 0;

    beforeAll(async () => {
      ({ db, close } = await open());
      store = createEventStore(db, { registry: testRegistry });
    });
    afterAll(async () => close?.());

    test("each stream's events in order, positions after one another, chains that verify", async () => {
      const [a, b] = [stream(), stream()];
      await store.append(a, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      const [first, second] = await store.appendAll([
        { streamId: a, events: [increment(2), increment(3)], options: { expectedVersion: 1, metadata: meta() } },
        {
          streamId: b,
          events: [increment(4)],
          options: { expectedVersion: "no_stream", metadata: meta(), idempotency: { key: `k-${b}` } },
        },
      ]);
      expect(first).toMatchObject({ streamId: a, version: 3, replayed: false });
      expect(second).toMatchObject({ streamId: b, version: 1, replayed: false });
      const positions = [...first!.events, ...second!.events].map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect((await store.readStream(a)).map((e) => e.data.by)).toEqual([1, 2, 3]);
      expect((await store.verifyStream(a)).ok).toBe(true);
      expect((await store.verifyStream(b)).ok).toBe(true);
      // The follow-up's key answers its repeats with the batch's result.
      const again = await store.append(b, [increment(4)], {
        expectedVersion: "no_stream",
        metadata: meta(),
        idempotency: { key: `k-${b}` },
      });
      expect(again).toMatchObject({ replayed: true, position: second!.position, version: 1 });
    });

    test("a later part that does not hold writes nothing of any part, keys and new heads included", async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      await store.append(b, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      const refused = await store
        .appendAll([
          {
            streamId: a,
            events: [increment()],
            options: { expectedVersion: "no_stream", metadata: meta(), idempotency: { key: `k-${a}` } },
          },
          // b exists: "no_stream" no longer holds (found by the statement: this store's cache knows b).
          { streamId: c, events: [increment()], options: { expectedVersion: "no_stream", metadata: meta() } },
          { streamId: b, events: [increment()], options: { expectedVersion: 0, metadata: meta() } },
        ])
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(BatchRefused);
      expect(refused).toMatchObject({ index: 2, streamId: b });
      expect(await headOf(a)).toBeNull();
      expect(await headOf(c)).toBeNull();
      expect(await headOf(b)).toBe(1);
      expect(await keyTaken(`k-${a}`)).toBe(false);
    });

    test("a part whose head another process moved: refused by the statement, nothing written, the head learned", async () => {
      const [a, b] = [stream(), stream()];
      const other = createEventStore(db, { registry: testRegistry });
      await store.append(a, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      await other.append(a, [increment()], { expectedVersion: 1, metadata: meta() });
      const batch = () =>
        store.appendAll([
          { streamId: b, events: [increment()], options: { expectedVersion: "no_stream", metadata: meta() } },
          { streamId: a, events: [increment()], options: { expectedVersion: "any", metadata: meta() } },
        ]);
      await expect(batch()).rejects.toMatchObject({ name: "Error", index: 1, streamId: a });
      expect(await headOf(b)).toBeNull();
      // The statement's answer taught this store a's real head: the same batch now holds.
      expect((await batch()).map((r) => r.version)).toEqual([1, 3]);
      expect((await store.verifyStream(a)).ok).toBe(true);
    });

    test("a key already used in a later part refuses the batch, and the first use keeps its result", async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      const key = `k-${randomUUID()}`;
      const first = await store.append(c, [increment()], {
        expectedVersion: "no_stream",
        metadata: meta(),
        idempotency: { key },
      });
      const refused = await store
        .appendAll([
          { streamId: a, events: [increment()], options: { expectedVersion: "no_stream", metadata: meta() } },
          {
            streamId: b,
            events: [increment()],
            options: { expectedVersion: "no_stream", metadata: meta(), idempotency: { key } },
          },
        ])
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ index: 1, streamId: b });
      expect(await headOf(a)).toBeNull();
      expect(await headOf(b)).toBeNull();
      expect(
        await store.append(c, [increment()], { expectedVersion: "no_stream", metadata: meta(), idempotency: { key } }),
      ).toMatchObject({ replayed: true, position: first.position });
    });

    test("two processes' batches racing on one stream with the same expected version: one writes, one writes nothing", async () => {
      const other = createEventStore(db, { registry: testRegistry });
      for (let round = 0; round < 10; round++) {
        const [cause, mine, theirs] = [stream(), stream(), stream()];
        await store.append(cause, [increment()], { expectedVersion: "no_stream", metadata: meta() });
        await other.readStream(cause);
        const batch = (writer: EventStore, followUp: string) =>
          writer.appendAll([
            { streamId: cause, events: [increment(2)], options: { expectedVersion: 1, metadata: meta() } },
            { streamId: followUp, events: [increment(3)], options: { expectedVersion: "no_stream", metadata: meta() } },
          ]);
        const outcomes = await Promise.allSettled([batch(store, mine), batch(other, theirs)]);
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        const [lost] = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
        expect(lost?.reason).toBeInstanceOf(BatchRefused);
        expect((await store.readStream(cause)).map((e) => e.version)).toEqual([1, 2]);
        // Exactly one follow-up exists: the winner's.
        expect([await headOf(mine), await headOf(theirs)].sort()).toEqual([1, null].sort());
        expect((await store.verifyStream(cause)).ok).toBe(true);
      }
    });
    test("a part's effect beside the log is applied with the batch, and not at all when the batch is refused", async () => {
      const effects = createEventStore(db, { registry: supersedingRegistry });
      const [a, b, c] = [stream(), stream(), stream()];
      const first = await effects.append(a, [increment(5)], { expectedVersion: "no_stream", metadata: meta() });
      const supersede = {
        type: "CounterSuperseded",
        data: { position: first.position, eventId: first.events[0]!.eventId },
      };
      await effects.append(c, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      const refused = await effects
        .appendAll([
          { streamId: a, events: [supersede], options: { expectedVersion: 1, metadata: meta() } },
          { streamId: c, events: [increment()], options: { expectedVersion: 0, metadata: meta() } },
        ])
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ index: 1, streamId: c });
      expect(await effects.readSupersessions([first.position])).toEqual(new Map());
      const [written] = await effects.appendAll([
        { streamId: a, events: [supersede], options: { expectedVersion: 1, metadata: meta() } },
        { streamId: b, events: [increment()], options: { expectedVersion: "no_stream", metadata: meta() } },
      ]);
      expect(await effects.readSupersessions([first.position])).toEqual(new Map([[first.position, written!.position]]));
    });
  });
}
