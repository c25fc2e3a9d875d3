import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/lib/db/types";
import { eventually } from "@/lib/testing/eventually";
import { ConcurrencyError, EventValidationError, IdempotencyKeyReusedError } from "./errors";
import { createEventStore, type EventStore } from "./event-store";
import { ERASED } from "./personal-data";
import { defineEvent, EventRegistry } from "./registry";
import { counterFold, increment, testMetadata, testRegistry } from "./test-fixtures";
import { z } from "zod";

/**
 * The guarantees every backend of the event store keeps. Run against the
 * PostgreSQL server and against embedded PGlite.
 */
const snapshotPolicy = { schemaVersion: 1, every: 10 };

export function eventStoreContract(backend: string, open: () => Promise<{ db: Database; close: () => Promise<void> }>) {
  describe(`event store contract (${backend})`, () => {
    let db: Database;
    let close: () => Promise<void>;
    let store: EventStore;
    const meta = testMetadata;
    const stream = (kind = "counter") => `${kind}-${randomUUID().slice(0, 8)}`;
    const countEvents = async (streamId: string) =>
      Number(
        (await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId}`)[0]!
          .n,
      );
    /** Runs SQL with the immutability triggers off, as a superuser tampering with the table would. */
    const tamper = (sql: string) =>
      db.sqlTransaction(async (s) => {
        await s.exec("SET LOCAL session_replication_role = replica");
        await s.exec(sql);
      });

    beforeAll(async () => {
      ({ db, close } = await open());
      store = createEventStore(db, { registry: testRegistry, snapshots: { counter: snapshotPolicy } });
    });
    afterAll(async () => close?.());

    test("appends a batch with versions 1..n and reads it back with its metadata", async () => {
      const id = stream();
      const backdated = new Date("2026-01-15T10:00:00.000Z");
      const result = await store.append(id, [increment(1), { ...increment(2), occurredAt: backdated }], {
        expectedVersion: "no_stream",
        metadata: meta({ reason: "test", causationId: "cause-1" }),
      });
      expect(result).toMatchObject({ streamId: id, version: 2, replayed: false });
      expect(result.events.map((e) => e.version)).toEqual([1, 2]);
      expect(result.events[1]!.position).toBeGreaterThan(result.events[0]!.position);

      const events = await store.readStream(id);
      expect(events.map((e) => [e.version, e.type, e.data])).toEqual([
        [1, "CounterIncremented", { by: 1 }],
        [2, "CounterIncremented", { by: 2 }],
      ]);
      expect(events[0]!.metadata).toMatchObject({
        actor: { type: "user", id: "user-dana", role: "admin" },
        source: "api",
        causationId: "cause-1",
        reason: "test",
        idempotencyKey: null,
        appVersion: "test",
        accountId: "acme",
      });
      expect(events[0]!.occurredAt).toEqual(events[0]!.recordedAt);
      expect(events[1]!.occurredAt).toEqual(backdated);
      expect(events[1]!.prevHash).toBe(events[0]!.hash);
    });

    test("expected version: a mismatch is a ConcurrencyError carrying the actual version", async () => {
      const id = stream();
      await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      const again = store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      await expect(again).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(again).rejects.toMatchObject({ actualVersion: 1, expectedVersion: "no_stream" });
      await expect(store.append(id, [increment()], { expectedVersion: 5, metadata: meta() })).rejects.toMatchObject({
        name: "ConcurrencyError",
        actualVersion: 1,
      });
      const ok = await store.append(id, [increment()], { expectedVersion: 1, metadata: meta() });
      expect(ok.version).toBe(2);
      expect((await store.append(id, [increment()], { expectedVersion: "any", metadata: meta() })).version).toBe(3);
      await expect(
        store.append(stream(), [increment()], { expectedVersion: 2, metadata: meta() }),
      ).rejects.toMatchObject({
        actualVersion: 0,
      });
    });

    test("16 concurrent writers on one stream: one wins each round, every loser gets ConcurrencyError", async () => {
      const id = stream();
      await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, () =>
          store.append(id, [increment(), increment()], { expectedVersion: 1, metadata: meta() }),
        ),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(15);
      for (const loss of lost) {
        expect(loss.reason).toBeInstanceOf(ConcurrencyError);
        expect(loss.reason.actualVersion).toBe(3);
      }
      const versions = (await store.readStream(id)).map((e) => e.version);
      expect(versions).toEqual([1, 2, 3]);
    });

    test("16 concurrent writers retrying from a fresh version leave no duplicate or missing version", async () => {
      const id = stream();
      const writer = async (n: number) => {
        for (let attempt = 0; ; attempt++) {
          const version = await store.streamVersion(id);
          try {
            return await store.append(id, [increment(n)], {
              expectedVersion: version === 0 ? "no_stream" : version,
              metadata: meta(),
            });
          } catch (error) {
            if (!(error instanceof ConcurrencyError) || attempt > 100) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, (_, i) => writer(i + 1)));
      const events = await store.readStream(id);
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      expect(events.map((e) => e.data.by).sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 16 }, (_, i) => i + 1),
      );
      expect((await store.verifyStream(id)).ok).toBe(true);
    });

    test("two processes racing one stream with the same expected version: one success, one conflict", async () => {
      // Two stores are two processes: each has its own cache of stream heads.
      const other = createEventStore(db, { registry: testRegistry });
      for (let round = 0; round < 10; round++) {
        const id = stream();
        await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
        await other.readStream(id); // (a read does not teach the other store the head)
        const outcomes = await Promise.allSettled([
          store.append(id, [increment(2)], { expectedVersion: 1, metadata: meta() }),
          other.append(id, [increment(3)], { expectedVersion: 1, metadata: meta() }),
        ]);
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        const [lost] = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
        expect(lost?.reason).toBeInstanceOf(ConcurrencyError);
        expect(lost?.reason.actualVersion).toBe(2);
        expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2]);
        expect((await store.verifyStream(id)).ok).toBe(true);
      }
    });

    test("a head another process moved is learned, not trusted: the append chains from the real head", async () => {
      const id = stream();
      const other = createEventStore(db, { registry: testRegistry });
      await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      await other.append(id, [increment()], { expectedVersion: 1, metadata: meta() });
      // `store` still remembers version 1: "any" retries from the real head, a pinned version reads it first.
      expect((await store.append(id, [increment()], { expectedVersion: "any", metadata: meta() })).version).toBe(3);
      await other.append(id, [increment()], { expectedVersion: "any", metadata: meta() });
      expect((await store.append(id, [increment()], { expectedVersion: 4, metadata: meta() })).version).toBe(5);
      await expect(store.append(id, [increment()], { expectedVersion: 4, metadata: meta() })).rejects.toMatchObject({
        name: "ConcurrencyError",
        actualVersion: 5,
      });
      expect((await store.verifyStream(id)).ok).toBe(true);
    });

    test("a burst of 8 processes appending to 4 streams leaves gap-free versions and chains that verify", async () => {
      const ids = Array.from({ length: 4 }, () => stream());
      const writers = Array.from({ length: 8 }, () => createEventStore(db, { registry: testRegistry }));
      await Promise.all(
        writers.map(async (writer, w) => {
          for (let i = 0; i < 15; i++) {
            await writer.append(ids[(w + i) % ids.length]!, [increment(1), increment(2)], {
              expectedVersion: "any",
              metadata: meta(),
            });
          }
        }),
      );
      for (const id of ids) {
        const versions = (await store.readStream(id)).map((e) => e.version);
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
        expect((await store.verifyStream(id)).ok).toBe(true);
      }
      expect(await Promise.all(ids.map(countEvents)).then((n) => n.reduce((a, b) => a + b))).toBe(8 * 15 * 2);
    });

    test("10 concurrent repeats of one idempotency key: exactly one write, ten equal results", async () => {
      const id = stream();
      const key = `key-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.append(id, [increment(7)], { expectedVersion: "any", metadata: meta(), idempotency: { key } }),
        ),
      );
      expect(await countEvents(id)).toBe(1);
      const strip = ({ replayed: _, ...rest }: (typeof results)[number]) => rest;
      for (const result of results) expect(strip(result)).toEqual(strip(results[0]!));
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const sameRequest = results[0]!;
      // The stored outcome can be looked up (here with an explicit request hash on a second key).
      const key2 = `${key}-2`;
      await store.append(id, [increment(9)], {
        expectedVersion: "any",
        metadata: meta(),
        idempotency: { key: key2, requestHash: "h" },
      });
      expect(await store.findIdempotentResult(key2, "h")).toMatchObject({ replayed: true, version: 2 });
      await expect(store.findIdempotentResult(key2, "other")).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await store.findIdempotentResult(`${key}-unused`, "h")).toBeNull();
      await store.recordIdempotentRejection(`${key}-3`, "h", { code: "NOPE" });
      await expect(
        store.append(id, [increment(9)], {
          expectedVersion: "any",
          metadata: meta(),
          idempotency: { key: `${key}-3`, requestHash: "h" },
        }),
      ).rejects.toMatchObject({ name: "IdempotentRejectionReplay", rejection: { code: "NOPE" } });
      expect(sameRequest.version).toBe(1);
      // A later repeat still writes nothing.
      await store.append(id, [increment(7)], { expectedVersion: "any", metadata: meta(), idempotency: { key } });
      expect(await countEvents(id)).toBe(2);
      // The same key for a different request is refused, not silently replayed.
      await expect(
        store.append(id, [increment(8)], { expectedVersion: "any", metadata: meta(), idempotency: { key } }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    test("repeats of one key racing to create different streams leave one stream and no empty head rows", async () => {
      // (OpenAccount without an id: each repeat makes its own id, so each aims at another new stream.)
      const key = `key-${randomUUID()}`;
      const ids = Array.from({ length: 6 }, () => stream());
      const results = await Promise.all(
        ids.map((id) =>
          store.append(id, [increment(1)], {
            expectedVersion: "no_stream",
            metadata: meta(),
            idempotency: { key, requestHash: "same-request" },
          }),
        ),
      );
      for (const result of results) expect(result.streamId).toBe(results[0]!.streamId);
      const heads = await db.prisma.stream.findMany({ where: { streamId: { in: ids } } });
      expect(heads.map((h) => [h.streamId, h.version])).toEqual([[results[0]!.streamId, 1]]);
    });

    test("a batch is all-or-nothing", async () => {
      const id = stream();
      await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      const duplicateId = randomUUID();
      // Fails in the database, on the second row: nothing of the batch stays.
      await expect(
        store.append(
          id,
          [
            { ...increment(), eventId: duplicateId },
            { ...increment(), eventId: duplicateId },
          ],
          { expectedVersion: 1, metadata: meta() },
        ),
      ).rejects.toThrow();
      expect(await countEvents(id)).toBe(1);
      expect(await store.streamVersion(id)).toBe(1);
      // Fails validation on the third event: no SQL runs.
      await expect(
        store.append(id, [increment(), increment(), { type: "CounterIncremented", data: { by: -1 } }], {
          expectedVersion: 1,
          metadata: meta(),
        }),
      ).rejects.toThrow(/Event 3 of 3 \(CounterIncremented\).*data\.by/);
      expect(await countEvents(id)).toBe(1);
    });

    test("invalid data or metadata: a typed error naming the field, nothing written", async () => {
      const id = stream();
      const attempts: [unknown, RegExp][] = [
        [
          store.append(id, [{ type: "CounterIncremented", data: { by: "two" } }], {
            expectedVersion: "any",
            metadata: meta(),
          }),
          /data\.by/,
        ],
        [
          store.append(id, [{ type: "CounterIncremented", data: { by: 1, extra: true } }], {
            expectedVersion: "any",
            metadata: meta(),
          }),
          /data: Unrecognized key/,
        ],
        [
          store.append(id, [{ type: "NoSuchEvent", data: {} }], { expectedVersion: "any", metadata: meta() }),
          /type: "NoSuchEvent" is not a known event type/,
        ],
        [
          store.append(id, [increment()], {
            expectedVersion: "any",
            metadata: meta({ actor: { type: "user", id: "u", role: "owner" as never } }),
          }),
          /metadata\.actor\.role/,
        ],
        [
          store.append(id, [increment()], { expectedVersion: "any", metadata: { ...meta(), accountId: "" } }),
          /metadata\.accountId/,
        ],
        [
          store.append(id, [increment()], { expectedVersion: "any", metadata: { ...meta(), source: "fax" as never } }),
          /metadata\.source/,
        ],
        [store.append("no spaces allowed", [increment()], { expectedVersion: "any", metadata: meta() }), /streamId/],
        [store.append(id, [increment()], { expectedVersion: -1, metadata: meta() }), /expectedVersion/],
      ];
      for (const [attempt, field] of attempts) {
        const error = await (attempt as Promise<unknown>).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EventValidationError);
        expect((error as EventValidationError).message).toMatch(field);
        expect((error as EventValidationError).issues.length).toBeGreaterThan(0);
      }
      expect(await countEvents(id)).toBe(0);
      expect(await store.streamVersion(id)).toBe(0);
    });

    test("a stream belongs to one account", async () => {
      const id = stream();
      await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta({ accountId: "acme" }) });
      await expect(
        store.append(id, [increment()], { expectedVersion: "any", metadata: meta({ accountId: "globex" }) }),
      ).rejects.toThrow(/belongs to account acme, not globex/);
    });

    test("UPDATE, DELETE and TRUNCATE on events fail", async () => {
      const id = stream();
      await store.append(id, [increment()], { expectedVersion: "no_stream", metadata: meta() });
      for (const sql of [
        `UPDATE events SET data = '{"by": 99}' WHERE stream_id = '${id}'`,
        `DELETE FROM events WHERE stream_id = '${id}'`,
        `TRUNCATE events`,
      ]) {
        await expect(db.sqlTransaction((s) => s.exec(sql))).rejects.toThrow(/events are immutable/);
      }
      expect((await store.readStream(id))[0]!.data).toEqual({ by: 1 });
    });

    test("verification names an altered, a removed and a reordered event", async () => {
      const [altered, removed, truncated, reordered, intact] = [stream(), stream(), stream(), stream(), stream()];
      for (const id of [altered, removed, truncated, reordered, intact]) {
        await store.append(id, [increment(1), increment(2), increment(3)], {
          expectedVersion: "no_stream",
          metadata: meta(),
        });
      }
      const eventAt = async (id: string, version: number) =>
        (await store.readStream(id)).find((e) => e.version === version)!;
      const alteredEvent = await eventAt(altered, 2);
      const removedEvent = await eventAt(removed, 2);
      await tamper(`UPDATE events SET data = '{"by": 200}' WHERE stream_id = '${altered}' AND stream_version = 2`);
      await tamper(`DELETE FROM events WHERE stream_id = '${removed}' AND stream_version = 2`);
      await tamper(`DELETE FROM events WHERE stream_id = '${truncated}' AND stream_version = 3`);
      // Swap the versions of two events.
      await tamper(`UPDATE events SET stream_version = 100 WHERE stream_id = '${reordered}' AND stream_version = 1;
                    UPDATE events SET stream_version = 1 WHERE stream_id = '${reordered}' AND stream_version = 2;
                    UPDATE events SET stream_version = 2 WHERE stream_id = '${reordered}' AND stream_version = 100;`);

      const a = await store.verifyStream(altered);
      expect(a.ok).toBe(false);
      expect(a.problems).toEqual([
        expect.objectContaining({
          kind: "hash_mismatch",
          version: 2,
          eventId: alteredEvent.eventId,
          position: alteredEvent.position,
        }),
      ]);
      expect(a.problems[0]!.message).toContain(alteredEvent.eventId);

      const r = await store.verifyStream(removed);
      expect(r.problems.map((p) => p.kind)).toEqual(["missing_version", "broken_link"]);
      expect(r.problems[0]!.message).toMatch(/expected version 2 but found 3/);
      expect(removedEvent.version).toBe(2);

      const t = await store.verifyStream(truncated);
      expect(t.problems.map((p) => p.kind)).toEqual(["head_mismatch"]);

      const o = await store.verifyStream(reordered);
      expect(o.ok).toBe(false);
      expect(o.problems.map((p) => p.kind)).toContain("hash_mismatch");

      expect((await store.verifyStream(intact)).ok).toBe(true);

      const all = await store.verifyAll(2); // a tiny page size exercises streams split across pages
      const broken = new Set(all.problems.map((p) => p.streamId));
      expect(broken).toEqual(new Set([altered, removed, truncated, reordered]));
      expect(all.eventsChecked).toBeGreaterThanOrEqual(5 * 3 - 2);
    });

    test("snapshot plus tail equals full replay; a snapshot of another schema version is ignored", async () => {
      // What a load starts from without a fold this process kept (state-cache.contract.ts has those).
      const store = createEventStore(db, {
        registry: testRegistry,
        snapshots: { counter: snapshotPolicy },
        keepFolds: false,
      });
      const id = stream();
      for (let i = 1; i <= 25; i++) {
        await store.append(id, [increment(i)], {
          expectedVersion: i - 1 === 0 ? "no_stream" : i - 1,
          metadata: meta(),
        });
      }
      const full = (await store.readStream(id)).reduce(counterFold.evolve, counterFold.initialState());
      const first = await store.loadAggregate(id, counterFold);
      expect(first).toMatchObject({ state: full, version: 25, snapshotVersion: 0 });
      // That load stored a snapshot at 25; the next load starts there.
      await store.append(id, [increment(100)], { expectedVersion: 25, metadata: meta() });
      const second = await store.loadAggregate(id, counterFold);
      expect(second.snapshotVersion).toBe(25);
      expect(second.state).toEqual({ total: full.total + 100, count: 26 });

      // A snapshot written by an older state shape: ignored, rebuilt from events.
      await db.prisma
        .$executeRaw`UPDATE snapshots SET schema_version = 0, state = '{"legacy": true}' WHERE stream_id = ${id}`;
      const third = await store.loadAggregate(id, counterFold);
      expect(third).toMatchObject({ state: second.state, snapshotVersion: 0 });

      // Snapshots are disposable.
      await db.prisma.$executeRaw`DELETE FROM snapshots`;
      expect((await store.loadAggregate(id, counterFold)).state).toEqual(second.state);
      // Time travel ignores snapshots and folds only what was there.
      const at10 = await store.loadAggregate(id, counterFold, { toVersion: 10 });
      expect(at10.state).toEqual({ total: 55, count: 10 });
    });

    test("an upcaster lifts an old event to the new shape on read; the stored row is unchanged", async () => {
      const id = stream("price");
      // Written by an older release, when PriceSet had no currency.
      const v1Registry = new EventRegistry([
        defineEvent({ type: "PriceSet", schemaVersion: 1, schema: z.object({ amount: z.number().int() }).strict() }),
      ]);
      const oldStore = createEventStore(db, { registry: v1Registry });
      await oldStore.append(id, [{ type: "PriceSet", data: { amount: 2900 } }], {
        expectedVersion: "no_stream",
        metadata: meta(),
      });
      await store.append(id, [{ type: "PriceSet", data: { amount: 9900, currency: "EUR" } }], {
        expectedVersion: 1,
        metadata: meta(),
      });

      const events = await store.readStream(id);
      expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
        [2, { amount: 2900, currency: "USD" }],
        [2, { amount: 9900, currency: "EUR" }],
      ]);
      const stored = await db.prisma.$queryRaw<{ schema_version: number; data: unknown }[]>`
        SELECT schema_version, data FROM events WHERE stream_id = ${id} ORDER BY stream_version`;
      expect(stored[0]).toEqual({ schema_version: 1, data: { amount: 2900 } });
      expect((await store.verifyStream(id)).ok).toBe(true);
    });

    test("an import writes an older schema version the type still accepts; it reads back upcast", async () => {
      const id = stream("price");
      await store.append(id, [{ type: "PriceSet", data: { amount: 4900 }, schemaVersion: 1 }], {
        expectedVersion: "no_stream",
        metadata: meta({ source: "import" }),
      });
      const [event] = await store.readStream(id);
      expect(event).toMatchObject({
        schemaVersion: 2,
        storedSchemaVersion: 1,
        data: { amount: 4900, currency: "USD" },
      });
      // Validated against that version's schema; a version nobody defined is refused.
      await expect(
        store.append(id, [{ type: "PriceSet", data: { amount: 1, currency: "USD" }, schemaVersion: 1 }], {
          expectedVersion: 1,
          metadata: meta(),
        }),
      ).rejects.toThrow(EventValidationError);
      await expect(
        store.append(id, [{ type: "CounterIncremented", data: { by: 1 }, schemaVersion: 3 }], {
          expectedVersion: 1,
          metadata: meta(),
        }),
      ).rejects.toThrow(/not written in schema version 3/);
    });

    test("personal data is stored apart and erasable without breaking the hash chain", async () => {
      const id = stream("contact");
      const accountId = `acct-${randomUUID().slice(0, 8)}`;
      // The log's pages bring the values in their own query: the event as the global log gives it.
      const fromLog = async (position: number) => {
        for (let after = 0; ;) {
          const { events, checkpoint } = await store.readAll({ after, limit: 1000 });
          const found = events.find((e) => e.position === position);
          if (found || events.length === 0) return found;
          after = checkpoint;
        }
      };
      const { position } = await store.append(
        id,
        [{ type: "ContactAdded", data: { name: "Ana Díaz", email: "ana@example.com", plan: "pro" } }],
        {
          expectedVersion: "no_stream",
          metadata: meta({ accountId }),
        },
      );
      const [row] = await db.prisma.$queryRaw<
        { data: Record<string, unknown> }[]
      >`SELECT data FROM events WHERE stream_id = ${id}`;
      expect(JSON.stringify(row!.data)).not.toContain("ana@example.com");
      expect(row!.data.plan).toBe("pro");
      expect((await store.readStream(id))[0]!.data).toEqual({
        name: "Ana Díaz",
        email: "ana@example.com",
        plan: "pro",
      });
      expect((await fromLog(position))?.data).toEqual({ name: "Ana Díaz", email: "ana@example.com", plan: "pro" });

      // States folded while the values were readable hold them: erasure drops them.
      const folded = JSON.stringify({ email: "ana@example.com" });
      await db.prisma.$executeRaw`
        INSERT INTO snapshots (stream_id, stream_type, stream_version, schema_version, state)
        VALUES (${id}, 'contact', 1, 1, ${folded}::jsonb)`;
      await db.prisma.$executeRaw`
        INSERT INTO history_snapshots (stream_id, stream_version, global_position, recorded_at, max_occurred_at,
                                       schema_version, state)
        VALUES (${id}, 1, 1, now(), now(), 1, ${folded}::jsonb)`;

      expect(await store.erasePersonalData(accountId)).toBe(2);
      const [left] = await db.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT (SELECT count(*) FROM snapshots WHERE stream_id = ${id})
             + (SELECT count(*) FROM history_snapshots WHERE stream_id = ${id}) AS n`;
      expect(Number(left!.n)).toBe(0);
      expect((await store.readStream(id))[0]!.data).toEqual({ name: ERASED, email: ERASED, plan: "pro" });
      expect((await fromLog(position))?.data).toEqual({ name: ERASED, email: ERASED, plan: "pro" });
      expect((await store.verifyStream(id)).ok).toBe(true);
    });

    test("readStream cuts at a version, a position or a time (inclusive)", async () => {
      const id = stream();
      const first = await store.append(id, [increment(1), increment(2)], {
        expectedVersion: "no_stream",
        metadata: meta(),
      });
      await new Promise((r) => setTimeout(r, 20));
      await store.append(id, [increment(3)], { expectedVersion: 2, metadata: meta() });
      const all = await store.readStream(id);
      expect((await store.readStream(id, { fromVersion: 2 })).map((e) => e.version)).toEqual([2, 3]);
      expect((await store.readStream(id, { toVersion: 1 })).map((e) => e.version)).toEqual([1]);
      expect((await store.readStream(id, { asOf: { position: first.position } })).map((e) => e.version)).toEqual([
        1, 2,
      ]);
      expect((await store.readStream(id, { asOf: { time: all[1]!.recordedAt } })).map((e) => e.version)).toEqual([
        1, 2,
      ]);
      expect(await store.readStream(id, { asOf: { time: new Date(all[0]!.recordedAt.getTime() - 1) } })).toEqual([]);
    });

    test("states at a point: folded from history snapshots it leaves every 500 versions, on both axes", async () => {
      const id = stream();
      const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
      // 1,200 events, one a day from 2026-01-01; version 900 is backdated to before version 1.
      for (let first = 1; first <= 1200; first += 400) {
        const batch = Array.from({ length: 400 }, (_, i) => {
          const version = first + i;
          return { ...increment(version), occurredAt: version === 900 ? day(-5) : day(version) };
        });
        await store.append(id, batch, { expectedVersion: first - 1, metadata: meta() });
      }
      const all = await store.readStream(id);
      const foldOf = () => ({ ...counterFold, evolve: counterFold.evolve as never, stateVersion: 1 });
      const snapshotsOf = async () =>
        (
          await db.prisma.$queryRaw<{ v: number }[]>`
            SELECT stream_version AS v FROM history_snapshots WHERE stream_id = ${id} ORDER BY 1`
        ).map((r) => r.v);
      const sum = (n: number) => (n * (n + 1)) / 2;

      const [mid] = await store.loadStreamsAt([id], { position: all[699]!.position }, foldOf);
      expect(mid).toMatchObject({ version: 700, state: { total: sum(700), count: 700 } });
      expect(mid!.lastEvent?.version).toBe(700);
      expect(await snapshotsOf()).toEqual([500]);
      // From the snapshot at 500 now: the same answer.
      const [again] = await store.loadStreamsAt([id], { position: all[699]!.position }, foldOf);
      expect(again!.state).toEqual(mid!.state);
      const [head] = await store.loadStreamsAt([id], { position: Number.MAX_SAFE_INTEGER }, foldOf);
      expect(head).toMatchObject({ version: 1200, state: { total: sum(1200), count: 1200 } });
      expect(await snapshotsOf()).toEqual([500, 1000]);

      // What was true on day 10: versions 1..10, and the backdated version 900.
      const [effective] = await store.loadStreamsAt([id], { effective: day(10) }, foldOf);
      expect(effective).toMatchObject({ version: 900, state: { total: sum(10) + 900, count: 11 } });
      // What the log held when version 600 was recorded: its append's batch (401..800), not the backdated 900.
      const [recorded] = await store.loadStreamsAt([id], { time: all[599]!.recordedAt }, foldOf);
      expect(recorded).toMatchObject({ version: 800, state: { total: sum(800), count: 800 } });
      // Before anything, and a stream that does not exist: version 0.
      const [before] = await store.loadStreamsAt([id, "counter-nothing"], { position: 0 }, foldOf);
      expect(before).toMatchObject({ version: 0, state: counterFold.initialState(), lastEvent: null });
    });

    test("readAll pages through the log in order and passes the gap a rolled-back append leaves", async () => {
      const start = (await store.readHorizon()).headPosition;
      const id = stream();
      await store.append(id, [increment(1)], { expectedVersion: "no_stream", metadata: meta() });
      // A failing append consumes a position and rolls back.
      await expect(
        store.append(id, [increment(2), { ...increment(2), eventId: (await store.readStream(id))[0]!.eventId }], {
          expectedVersion: 1,
          metadata: meta(),
        }),
      ).rejects.toThrow();
      await store.append(id, [increment(3)], { expectedVersion: 1, metadata: meta() });
      // Polls: the horizon is cluster-wide, so another test's transaction may hold it back briefly.
      const horizon = await eventually(async () => {
        const seen: number[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ after, limit: 1 });
          if (page.events.length === 0) break;
          seen.push(...page.events.filter((e) => e.streamId === id).map((e) => e.data.by as number));
          after = page.checkpoint;
        }
        expect(seen).toEqual([1, 3]);
        const h = await store.readHorizon();
        expect(h.safePosition).toBe(h.headPosition);
        expect(h.waitingEvents).toBe(0);
        return h;
      });
      await expect(store.readAll({ after: horizon.headPosition + 1000 })).rejects.toThrow(/no event at position/);
    });
  });
}
