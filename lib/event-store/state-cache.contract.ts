import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/lib/db/types";
import { BatchRefused } from "./append-batch";
import { createEventStore, type EventStore } from "./event-store";
import type { Fold, FoldedEvent } from "./load";
import type { Assumed } from "./state-cache";
import { increment, supersedingRegistry as registry, testMetadata } from "./test-fixtures";

// Everything a fold could be told, in order: what a kept fold must agree with a fresh load on.
const everything: Fold<unknown> = {
  initialState: () => [],
  evolve: (state, event: FoldedEvent) => [...(state as unknown[]), [event.version, event.type, event.data]],
};

/**
 * A process keeps each stream's last fold (state-cache.ts) and reads only
 * what came after it, or nothing, where its append checks what it assumed.
 * Whatever another process does meanwhile, what it decides on is the stream
 * as a fresh load reads it, or its append writes nothing.
 */
export function stateCacheContract(backend: string, open: () => Promise<{ db: Database; close: () => Promise<void> }>) {
  describe(`folds kept between loads (${backend})`, () => {
    let db: Database;
    let close: () => Promise<void>;
    let mine: EventStore;
    let other: EventStore;
    let fresh: EventStore;
    const stream = () => `counter-${randomUUID().slice(0, 8)}`;
    const meta = (accountId = "acme") => testMetadata({ accountId });
    const truth = async (streamId: string) => (await fresh.loadAggregate(streamId, everything)).state;
    const version = (streamId: string) => fresh.streamVersion(streamId);
    const assumeNow = async (streamIds: string[]) => {
      const assumed: Assumed[] = [];
      const loaded = await mine.loadAggregates(
        streamIds.map((streamId) => ({ streamId, fold: everything })),
        { assume: assumed },
      );
      return { assumed, loaded };
    };

    beforeAll(async () => {
      ({ db, close } = await open());
      mine = createEventStore(db, { registry });
      other = createEventStore(db, { registry });
      fresh = createEventStore(db, { registry, keepFolds: false });
    });
    afterAll(async () => close?.());

    test("another process's appends are folded in after the kept fold", async () => {
      const id = stream();
      await mine.append(id, [increment(1), increment(2)], { expectedVersion: "no_stream", metadata: meta() });
      expect((await mine.loadAggregate(id, everything, { kept: true })).state).toEqual(await truth(id));
      await other.append(id, [increment(3)], { expectedVersion: 2, metadata: meta() });
      const loaded = await mine.loadAggregate(id, everything, { kept: true });
      expect(loaded).toMatchObject({ version: 3, state: await truth(id) });
      expect(loaded.state).toHaveLength(3);
    });

    test("kept folds give a decision its states unread, and its append writes them on as a read would", async () => {
      const [a, b] = [stream(), stream()];
      await mine.append(a, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      await mine.append(b, [increment(2)], { expectedVersion: "no_stream", metadata: meta() });
      // Not kept yet (nothing loaded them): a read, nothing assumed.
      expect((await assumeNow([a, b])).assumed).toEqual([]);
      const { assumed, loaded } = await assumeNow([a, b]);
      expect(assumed.map((h) => [h.streamId, h.version, h.erasures])).toEqual([
        [a, 1, 0],
        [b, 1, 0],
      ]);
      expect(loaded.map((l) => l.state)).toEqual([await truth(a), await truth(b)]);
      await mine.appendAll(
        [{ streamId: a, events: [increment(5)], options: { expectedVersion: 1, metadata: meta() } }],
        {
          assumed,
        },
      );
      // The append moved the kept fold on: unread again, and equal to a fresh read.
      const next = await assumeNow([a, b]);
      expect(next.assumed.map((h) => h.version)).toEqual([2, 1]);
      expect(next.loaded[0]!.state).toEqual(await truth(a));
    });

    test("this process's append after another's: its kept fold is not moved on past the other's events", async () => {
      const id = stream();
      await other.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      await mine.loadAggregate(id, everything, { kept: true });
      await other.append(id, [increment(2)], { expectedVersion: 1, metadata: meta() });
      // "any": this process learns the new head from its statement's answer and appends after it.
      await mine.append(id, [increment(3)], { expectedVersion: "any", metadata: meta() });
      const { loaded } = await assumeNow([id]);
      expect(loaded[0]!.state).toEqual(await truth(id));
      expect(loaded[0]!.state).toHaveLength(3);
    });

    test("a head assumed unread that another process moved: nothing written, and the next load reads it", async () => {
      const [a, b] = [stream(), stream()];
      await mine.append(a, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      await mine.append(b, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      await mine.loadAggregates(
        [a, b].map((streamId) => ({ streamId, fold: everything })),
        { kept: true },
      );
      await other.append(b, [increment(7)], { expectedVersion: 1, metadata: meta() });
      const { assumed, loaded } = await assumeNow([a, b]);
      expect(loaded[1]!.version).toBe(1); // as kept: the decision does not know
      const refused = await mine
        .appendAll([{ streamId: a, events: [increment(2)], options: { expectedVersion: 1, metadata: meta() } }], {
          assumed,
        })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(BatchRefused);
      expect(refused).toMatchObject({ reason: "assumed", index: 1, streamId: b });
      expect(await version(a)).toBe(1);
      expect((await mine.loadAggregate(b, everything, { kept: true })).state).toEqual(await truth(b));
    });

    test("an erasure by another process: the kept fold is read again, and a decision that assumed it is refused", async () => {
      const id = `contact-${randomUUID().slice(0, 8)}`;
      const accountId = `erased-${randomUUID().slice(0, 8)}`;
      const contact = { type: "ContactAdded", data: { name: "Ada", email: "ada@example.com", plan: "pro" } };
      await mine.append(id, [contact], { expectedVersion: "no_stream", metadata: meta(accountId) });
      expect(JSON.stringify((await mine.loadAggregate(id, everything, { kept: true })).state)).toContain(
        "ada@example.com",
      );
      const { assumed } = await assumeNow([id]);
      expect(assumed).toHaveLength(1);
      await other.erasePersonalData(accountId);
      const refused = await mine
        .appendAll(
          [{ streamId: id, events: [increment()], options: { expectedVersion: 1, metadata: meta(accountId) } }],
          {
            assumed,
          },
        )
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ reason: "assumed", streamId: id });
      const loaded = await mine.loadAggregate(id, everything, { kept: true });
      expect(JSON.stringify(loaded.state)).not.toContain("ada@example.com");
      expect(loaded.state).toEqual(await truth(id));
    });

    test("a supersession by another process: the kept fold is read again without the superseded event", async () => {
      const id = stream();
      const [first] = (
        await mine.append(id, [increment(1), increment(2)], { expectedVersion: "no_stream", metadata: meta() })
      ).events;
      await mine.loadAggregate(id, everything, { kept: true });
      await other.append(
        id,
        [{ type: "CounterSuperseded", data: { position: first!.position, eventId: first!.eventId } }],
        {
          expectedVersion: 2,
          metadata: meta(),
        },
      );
      const loaded = await mine.loadAggregate(id, everything, { kept: true });
      expect(loaded.state).toEqual(await truth(id));
      expect((loaded.state as unknown[][]).map(([v]) => v)).toEqual([2, 3]);
    });

    test("a stream written again from scratch to the same version (a wiped database): the kept fold is not used", async () => {
      const id = stream();
      await mine.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      await mine.loadAggregate(id, everything, { kept: true });
      const { assumed } = await assumeNow([id]);
      // Events are immutable; only a wiped database (tests, a restore) has another stream under the same id.
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
        await tx.$executeRaw`DELETE FROM events WHERE stream_id = ${id}`;
        await tx.$executeRaw`DELETE FROM streams WHERE stream_id = ${id}`;
      });
      await other.append(id, [increment(9)], { expectedVersion: "no_stream", metadata: meta() });
      const refused = await mine
        .appendAll(
          [{ streamId: `${id}-x`, events: [increment()], options: { expectedVersion: "no_stream", metadata: meta() } }],
          {
            assumed,
          },
        )
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ reason: "assumed", streamId: id });
      expect((await mine.loadAggregate(id, everything, { kept: true })).state).toEqual([
        [1, "CounterIncremented", { by: 9 }],
      ]);
    });

    test("a read that is not a command's folds what is stored, also where this process kept a fold", async () => {
      const id = stream();
      await mine.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      await mine.loadAggregate(id, everything, { kept: true });
      // Altered behind the database's back (the chain's verification finds it): only a read sees it.
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
        await tx.$executeRaw`UPDATE events SET data = '{"by": 2}' WHERE stream_id = ${id}`;
      });
      expect((await mine.loadAggregate(id, everything)).state).toEqual([[1, "CounterIncremented", { by: 2 }]]);
    });

    test("this process's append of data in an older schema: the kept fold is dropped, the next load upcasts it", async () => {
      const id = `price-${randomUUID().slice(0, 8)}`;
      const price = (amount: number, schemaVersion?: number) => ({ type: "PriceSet", data: { amount }, schemaVersion });
      await mine.append(id, [{ ...price(100), data: { amount: 100, currency: "EUR" } }], {
        expectedVersion: "no_stream",
        metadata: meta(),
      });
      await mine.loadAggregate(id, everything, { kept: true });
      await mine.append(id, [price(200, 1)], { expectedVersion: 1, metadata: meta() });
      expect((await assumeNow([id])).assumed).toEqual([]);
      expect((await mine.loadAggregate(id, everything, { kept: true })).state).toEqual([
        [1, "PriceSet", { amount: 100, currency: "EUR" }],
        [2, "PriceSet", { amount: 200, currency: "USD" }],
      ]);
    });

    test("whatever two processes do in turn, a decision's state is the stream's or its append writes nothing", async () => {
      type Step =
        | { kind: "append"; by: "mine" | "other"; stream: number; n: number }
        | { kind: "decide"; streams: number[] }
        | { kind: "erase" }
        | { kind: "supersede"; by: "mine" | "other"; stream: number };
      const step = fc.oneof(
        fc.record({
          kind: fc.constant("append" as const),
          by: fc.constantFrom("mine" as const, "other" as const),
          stream: fc.nat(1),
          n: fc.integer({ min: 1, max: 3 }),
        }),
        fc.record({ kind: fc.constant("decide" as const), streams: fc.uniqueArray(fc.nat(1), { minLength: 1 }) }),
        fc.record({ kind: fc.constant("erase" as const) }),
        fc.record({
          kind: fc.constant("supersede" as const),
          by: fc.constantFrom("mine" as const, "other" as const),
          stream: fc.nat(1),
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps: Step[]) => {
          const accountId = `p-${randomUUID().slice(0, 8)}`;
          const ids = [0, 1].map((i) => `contact-${accountId}-${i}`);
          const contact = { type: "ContactAdded", data: { name: "Bo", email: "bo@example.com", plan: "pro" } };
          for (const id of ids) {
            await other.append(id, [contact], { expectedVersion: "no_stream", metadata: meta(accountId) });
          }
          for (const s of steps) {
            if (s.kind === "append") {
              const store = s.by === "mine" ? mine : other;
              await store.append(
                ids[s.stream]!,
                Array.from({ length: s.n }, () => increment()),
                {
                  expectedVersion: "any",
                  metadata: meta(accountId),
                },
              );
            } else if (s.kind === "erase") {
              await other.erasePersonalData(accountId);
            } else if (s.kind === "supersede") {
              const store = s.by === "mine" ? mine : other;
              const target = (await fresh.readStream(ids[s.stream]!, { withoutSuperseded: true })).find(
                (e) => e.type === "CounterIncremented",
              );
              if (!target) continue;
              await store.append(
                ids[s.stream]!,
                [{ type: "CounterSuperseded", data: { position: target.position, eventId: target.eventId } }],
                { expectedVersion: "any", metadata: meta(accountId) },
              );
            } else {
              const streams = s.streams.map((i) => ids[i]!);
              const { assumed, loaded } = await assumeNow(streams);
              const truths = await Promise.all(streams.map(truth));
              const before = await Promise.all(streams.map(version));
              const decidedOnTruth = loaded.every((l, i) => JSON.stringify(l.state) === JSON.stringify(truths[i]));
              const written = await mine
                .appendAll(
                  [
                    {
                      streamId: streams[0]!,
                      events: [increment()],
                      options: { expectedVersion: loaded[0]!.version, metadata: meta(accountId) },
                    },
                  ],
                  { assumed },
                )
                .then(() => true)
                .catch((error: unknown) => {
                  if (error instanceof BatchRefused) return false;
                  throw error;
                });
              // Written only when what it decided on was the streams' state.
              if (written) expect(decidedOnTruth).toBe(true);
              else expect(await Promise.all(streams.map(version))).toEqual(before);
              // A read is always the truth.
              for (const id of streams)
                expect((await mine.loadAggregate(id, everything, { kept: true })).state).toEqual(await truth(id));
            }
          }
        }),
        { numRuns: 40 },
      );
    });
  });
}
