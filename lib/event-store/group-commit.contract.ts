import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RawQueryable } from "@/lib/db/raw-transaction";
import type { Database } from "@/lib/db/types";
import { BatchRefused } from "./append-batch";
import { ConcurrencyError } from "./errors";
import { createEventStore, type EventStore } from "./event-store";
import { increment, testMetadata, testRegistry } from "./test-fixtures";

/** The database with every raw statement's text noted, to see which appends shared one. */
function counted(db: Database) {
  const sent: string[] = [];
  const note = (query: unknown) => {
    const strings = (query as { strings?: readonly string[] }).strings ?? (query as readonly string[]);
    sent.push(strings.join("?"));
  };
  const raw: RawQueryable = {
    ...db.raw,
    $queryRaw: (query, ...values) => (note(query), db.raw.$queryRaw(query, ...values)),
    $executeRaw: (query, ...values) => (note(query), db.raw.$executeRaw(query, ...values)),
  };
  return { db: { ...db, raw }, sent };
}

/**
 * Group commit (group-commit.ts): appends that arrive while this process's
 * statements are in flight share the next one, and each still answers for
 * itself, on the PostgreSQL server and on embedded PGlite.
 */
export function groupCommitContract(
  backend: string,
  open: () => Promise<{ db: Database; close: () => Promise<void> }>,
) {
  describe(`appends that arrive together share a statement (${backend})`, () => {
    let db: Database;
    let close: () => Promise<void>;
    let store: EventStore;
    let sent: string[];
    /** The database as the store sees it, statements counted (another process's store can share the count). */
    let counting: Database;
    const stream = () => `counter-${randomUUID().slice(0, 8)}`;
    const meta = () => testMetadata();
    const groups = () => sent.filter((s) => s.includes("ledgerline_append_group")).length;
    const appendStatements = () => sent.filter((s) => /ledgerline_append(_all|_group)?\(/.test(s)).length;
    const versionsOf = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.version);
    /** Every stream's versions 1 … n without a gap, its chain verified, and `events` events in all. */
    const expectWhole = async (ids: string[], events: number) => {
      let total = 0;
      for (const id of ids) {
        const versions = await versionsOf(id);
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
        expect((await store.verifyStream(id)).ok).toBe(true);
        total += versions.length;
      }
      expect(total).toBe(events);
    };
    // Two appends that take the statements in flight, so what is appended next in the same tick waits for them.
    const fillers = () =>
      [stream(), stream()].map((id) =>
        store.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() }),
      );

    beforeAll(async () => {
      ({ db, close } = await open());
      const spied = counted(db);
      sent = spied.sent;
      counting = spied.db;
      store = createEventStore(counting, { registry: testRegistry });
    });
    afterAll(async () => close?.());

    test("eight appends at once: two statements go at once, the other six share the next, each lands", async () => {
      const ids = Array.from({ length: 8 }, () => stream());
      const before = appendStatements();
      const results = await Promise.all(
        ids.map((id, i) => store.append(id, [increment(i + 1)], { expectedVersion: "no_stream", metadata: meta() })),
      );
      expect(appendStatements() - before).toBe(3);
      expect(results.map((r) => r.streamId)).toEqual(ids);
      expect(new Set(results.map((r) => r.position)).size).toBe(8);
      for (const [i, id] of ids.entries()) {
        expect((await store.readStream(id)).map((e) => e.data.by)).toEqual([i + 1]);
        expect((await store.verifyStream(id)).ok).toBe(true);
      }
    });

    test("two appends at the same expected version in one group: one lands, the other is a conflict", async () => {
      const id = stream();
      await store.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      const before = groups();
      const racing = [
        ...fillers(),
        ...[2, 3].map((by) => store.append(id, [increment(by)], { expectedVersion: 1, metadata: meta() })),
      ];
      const outcomes = await Promise.allSettled(racing);
      expect(groups() - before).toBe(1);
      const [won, lost] = [
        outcomes.slice(2).filter((o) => o.status === "fulfilled"),
        outcomes.slice(2).filter((o) => o.status === "rejected"),
      ];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect(await versionsOf(id)).toEqual([1, 2]);
      expect((await store.verifyStream(id)).ok).toBe(true);
    });

    test("a group the server refuses is sent again an append at a time: only the faulty append fails", async () => {
      const [a, b] = [stream(), stream()];
      const eventId = randomUUID();
      const before = groups();
      const outcomes = await Promise.allSettled([
        ...fillers(),
        store.append(a, [{ ...increment(1), eventId }], { expectedVersion: "no_stream", metadata: meta() }),
        // The same event id again: the events table's key refuses it, and with it the whole group's statement.
        store.append(b, [{ ...increment(2), eventId }], { expectedVersion: "no_stream", metadata: meta() }),
      ]);
      expect(groups() - before).toBe(1);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
      expect(await versionsOf(a)).toEqual([1]);
      expect(await versionsOf(b)).toEqual([]);
      expect(await store.streamVersion(b)).toBe(0);
    });

    test("one idempotency key twice in one group: one write, the repeat answered with its result", async () => {
      const id = stream();
      const key = `key-${randomUUID()}`;
      const options = { expectedVersion: "no_stream" as const, metadata: meta(), idempotency: { key } };
      const before = groups();
      const [, , first, repeat] = await Promise.all([
        ...fillers(),
        store.append(id, [increment(5)], options),
        store.append(id, [increment(5)], options),
      ]);
      expect(groups() - before).toBe(1);
      expect(await versionsOf(id)).toEqual([1]);
      expect([first!.replayed, repeat!.replayed].sort()).toEqual([false, true]);
      expect(repeat!.position).toBe(first!.position);
    });

    test("a batch that does not hold writes nothing, and the append grouped with it lands", async () => {
      const [x, y, z] = [stream(), stream(), stream()];
      await store.append(x, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      // Another process moves x: this store's head of it is now stale, so only the statement can tell.
      const other = createEventStore(db, { registry: testRegistry });
      await other.append(x, [increment(1)], { expectedVersion: 1, metadata: meta() });
      const before = groups();
      const outcomes = await Promise.allSettled([
        ...fillers(),
        store.appendAll([
          { streamId: y, events: [increment(1)], options: { expectedVersion: "no_stream", metadata: meta() } },
          { streamId: x, events: [increment(1)], options: { expectedVersion: 1, metadata: meta() } },
        ]),
        store.append(z, [increment(1)], { expectedVersion: "no_stream", metadata: meta() }),
      ]);
      expect(groups() - before).toBe(1);
      expect(outcomes[2]).toMatchObject({ status: "rejected", reason: expect.any(BatchRefused) });
      expect(outcomes[3]!.status).toBe("fulfilled");
      expect(await versionsOf(y)).toEqual([]);
      expect(await versionsOf(x)).toEqual([1, 2]);
      expect(await versionsOf(z)).toEqual([1]);
    });

    test("two processes' groups on the same streams, taken in opposite orders: every append lands", async () => {
      const ids = Array.from({ length: 4 }, () => stream());
      const processes = [store, createEventStore(counting, { registry: testRegistry })];
      // Each process knows every head, so its writers' first appends are submitted in one tick: two go
      // alone and the other two wait and share a statement, in both processes.
      for (const writer of processes) {
        for (const id of ids) await writer.append(id, [increment(1)], { expectedVersion: "any", metadata: meta() });
      }
      const before = groups();
      await Promise.all(
        processes.flatMap((writer, p) =>
          Array.from({ length: 4 }, async (_, w) => {
            for (let i = 0; i < 10; i++) {
              // One process walks the streams forward, the other backward: without one lock order they would deadlock.
              const k = p === 0 ? (w + i) % ids.length : (ids.length * 10 - w - i) % ids.length;
              await writer.append(ids[k]!, [increment(1)], { expectedVersion: "any", metadata: meta() });
            }
          }),
        ),
      );
      expect(groups() - before).toBeGreaterThanOrEqual(2);
      await expectWhole(ids, 2 * 4 + 2 * 4 * 10);
    });

    test("8 writers in one process on 4 streams: grouped, gap-free, every chain verifies", async () => {
      const ids = Array.from({ length: 4 }, () => stream());
      // The heads known, the writers' first appends are submitted in one tick: six of them share a statement.
      for (const id of ids) await store.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      const before = groups();
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 15; i++) {
            await store.append(ids[(w + i) % ids.length]!, [increment(1), increment(2)], {
              expectedVersion: "any",
              metadata: meta(),
            });
          }
        }),
      );
      expect(groups() - before).toBeGreaterThan(0);
      await expectWhole(ids, 4 + 8 * 15 * 2);
    });
  });
}
