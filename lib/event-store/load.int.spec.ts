import { afterAll, beforeAll, expect, test } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { createEventStore } from "./event-store";
import { loadCurrent, loadCurrentStreams } from "./load";
import { saveSnapshot } from "./snapshots";
import { increment, testMetadata, testRegistry } from "./test-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const policy = { schemaVersion: 1, every: 100 };

test("one query gives the head, the snapshot and the tail; head and snapshot whatever the tail's length", async () => {
  const store = createEventStore(t.db, { registry: testRegistry });
  await store.append("counter-long", [increment(1), increment(2), increment(3)], {
    expectedVersion: "no_stream",
    metadata: testMetadata({ accountId: "acme" }),
  });
  const last = (await store.readStream("counter-long")).at(-1)!;

  const plain = await loadCurrent(t.db.raw, testRegistry, "counter-long", undefined);
  expect(plain.head).toMatchObject({ version: 3, lastHash: last.hash, accountId: "acme" });
  expect(plain.head.recordedAt).toBeInstanceOf(Date);
  expect(plain.snapshot).toBeNull();
  expect(plain.tail.map((e) => [e.version, e.data])).toEqual([
    [1, { by: 1 }],
    [2, { by: 2 }],
    [3, { by: 3 }],
  ]);

  await saveSnapshot(t.db.raw, "counter-long", "counter", policy, 2, { total: 3 });
  const fromSnapshot = await loadCurrent<{ total: number }>(t.db.raw, testRegistry, "counter-long", policy);
  expect(fromSnapshot.head).toMatchObject({ version: 3, lastHash: last.hash });
  expect(fromSnapshot.snapshot).toEqual({ streamVersion: 2, state: { total: 3 } });
  expect(fromSnapshot.tail.map((e) => e.version)).toEqual([3]);

  // A snapshot at the head: no tail, the head and the snapshot still there.
  await saveSnapshot(t.db.raw, "counter-long", "counter", policy, 3, { total: 6 });
  const atHead = await loadCurrent<{ total: number }>(t.db.raw, testRegistry, "counter-long", policy);
  expect(atHead).toMatchObject({ head: { version: 3 }, snapshot: { streamVersion: 3, state: { total: 6 } }, tail: [] });

  const none = await loadCurrent(t.db.raw, testRegistry, "counter-none", policy);
  expect(none).toEqual({
    head: { version: 0, lastHash: null, recordedAt: null, accountId: null },
    snapshot: null,
    tail: [],
    erasures: 0,
  });
});

test("personal data comes with the load in the same query, erased values too", async () => {
  const store = createEventStore(t.db, { registry: testRegistry });
  const contact = (name: string) => ({ type: "ContactAdded", data: { name, email: `${name}@x.example`, plan: "pro" } });
  await store.append("contact-pd", [contact("ada"), contact("bob")], {
    expectedVersion: "no_stream",
    metadata: testMetadata({ accountId: "pd-one" }),
  });
  const statements: string[] = [];
  const db = {
    $queryRaw: (query: Prisma.Sql) => (statements.push(query.text), t.db.raw.$queryRaw(query)),
    $executeRaw: t.db.raw.$executeRaw,
  } as typeof t.db.raw;

  const loaded = await loadCurrent(db, testRegistry, "contact-pd", undefined);
  expect(loaded.tail.map((e) => e.data)).toEqual([contact("ada").data, contact("bob").data]);
  expect(statements).toHaveLength(1);

  await store.erasePersonalData("pd-one");
  const erased = await loadCurrent(db, testRegistry, "contact-pd", undefined);
  expect(erased.tail.map((e) => e.data.name)).toEqual(["[erased]", "[erased]"]);
  expect(statements).toHaveLength(2);
});

test("several streams in one query: each as its own load gives it, empty and snapshotted ones among them", async () => {
  const store = createEventStore(t.db, { registry: testRegistry });
  const contact = (name: string) => ({ type: "ContactAdded", data: { name, email: `${name}@x.example`, plan: "pro" } });
  await store.append("counter-many", [increment(1), increment(2), increment(3), increment(4)], {
    expectedVersion: "no_stream",
    metadata: testMetadata({ accountId: "many" }),
  });
  await saveSnapshot(t.db.raw, "counter-many", "counter", policy, 2, { total: 3 });
  await store.append("contact-many", [contact("cy")], {
    expectedVersion: "no_stream",
    metadata: testMetadata({ accountId: "many" }),
  });
  const streams = [
    { streamId: "contact-many", policy: undefined },
    { streamId: "counter-nothing", policy },
    { streamId: "counter-many", policy },
    { streamId: "counter-many", policy: undefined },
  ];
  const statements: string[] = [];
  const db = {
    $queryRaw: (query: Prisma.Sql) => (statements.push(query.text), t.db.raw.$queryRaw(query)),
    $executeRaw: t.db.raw.$executeRaw,
  } as typeof t.db.raw;

  const together = await loadCurrentStreams(db, testRegistry, streams);
  expect(statements).toHaveLength(1);
  const apart = await Promise.all(streams.map((s) => loadCurrent(t.db.raw, testRegistry, s.streamId, s.policy)));
  expect(together).toEqual(apart);
  expect(together.map((s) => s.tail.map((e) => e.version))).toEqual([[1], [], [3, 4], [1, 2, 3, 4]]);
  expect(together[0]!.tail[0]!.data).toEqual(contact("cy").data);
});

test("one stream's rows are put in order whatever order the server sends them in (no sort in SQL)", async () => {
  const store = createEventStore(t.db, { registry: testRegistry });
  await store.append("counter-order", [increment(1), increment(2), increment(3)], {
    expectedVersion: "no_stream",
    metadata: testMetadata({ accountId: "order" }),
  });
  // A parallel scan may interleave rows: here they arrive reversed, the head's row last.
  const db = {
    $queryRaw: async (query: Prisma.Sql) => [...(await t.db.raw.$queryRaw<unknown[]>(query))].reverse(),
    $executeRaw: t.db.raw.$executeRaw,
  } as typeof t.db.raw;
  const loaded = await loadCurrent(db, testRegistry, "counter-order", undefined);
  expect(loaded.head.version).toBe(3);
  expect(loaded.tail.map((e) => [e.version, e.data.by])).toEqual([
    [1, 1],
    [2, 2],
    [3, 3],
  ]);
});
