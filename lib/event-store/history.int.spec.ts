import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { EventValidationError } from "./errors";
import { createEventStore, type EventStore } from "./event-store";
import { HISTORY_EVERY, loadStreamsAt } from "./history";
import { ERASED } from "./personal-data";
import type { Queryable } from "./rows";
import { counterFold, increment, testMetadata, testRegistry } from "./test-fixtures";

type Names = { names: string[] };
const namesFold = {
  initialState: (): Names => ({ names: [] }),
  evolve: (state: unknown, event: { type: string; data: Record<string, unknown> }) =>
    event.type === "ContactAdded"
      ? { names: [...(state as Names).names, event.data.name as string] }
      : (state as Names),
  stateVersion: 1,
};
const foldOf = () => namesFold;
const head = { position: Number.MAX_SAFE_INTEGER };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Needs a second connection (an erasure held open), so it runs against the server only. */
describe("time travel's kept folds and erasure", () => {
  let t: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    t = await createTestDatabase();
    store = createEventStore(t.db, { registry: testRegistry });
  });
  afterAll(async () => t?.drop());

  /** A stream whose HISTORY_EVERY-th event names someone, so a fold to its head keeps a snapshot with the name. */
  async function namedStream(accountId: string) {
    const streamId = `counter-${accountId}`;
    const contact = { type: "ContactAdded", data: { name: "Ada Lovelace", email: "ada@example.com", plan: "pro" } };
    const events = [...Array.from({ length: HISTORY_EVERY - 1 }, () => increment()), contact];
    await store.append(streamId, events, { expectedVersion: "no_stream", metadata: testMetadata({ accountId }) });
    return streamId;
  }

  const kept = async (streamId: string) =>
    (
      await t.db.prisma.$queryRaw<{ state: Names }[]>`
        SELECT state FROM history_snapshots WHERE stream_id = ${streamId}`
    ).map((row) => row.state.names);

  /** The store's queries, with `beforeWrite` run just before the fold writes its snapshots. */
  const writingAfter = (beforeWrite: () => Promise<unknown>): Queryable => ({
    $queryRaw: ((...args: Parameters<Queryable["$queryRaw"]>) => t.db.prisma.$queryRaw(...args)) as never,
    $executeRaw: (async (...args: Parameters<Queryable["$executeRaw"]>) => {
      await beforeWrite();
      return t.db.prisma.$executeRaw(...args);
    }) as never,
  });

  test("an erasure between a fold's read and its write leaves no names in a kept fold", async () => {
    const streamId = await namedStream("erased-midway");
    const db = writingAfter(() => store.erasePersonalData("erased-midway"));
    const [read] = await loadStreamsAt(db, testRegistry, [streamId], head, foldOf);
    expect(read!.state).toEqual({ names: ["Ada Lovelace"] }); // read before the erasure
    expect(await kept(streamId)).toEqual([]);

    // A fold begun after the erasure keeps its state again, without the name.
    await pause(5);
    await loadStreamsAt(t.db.prisma, testRegistry, [streamId], head, foldOf);
    expect(await kept(streamId)).toEqual([[ERASED]]);
  });

  test("an erasure already in flight when the fold began, committed after its read, also counts", async () => {
    const streamId = await namedStream("erased-in-flight");
    const eraser = await t.client();
    // erasePersonalData's statements, held open: erased_at is this transaction's start, before the fold's.
    await eraser.query("BEGIN");
    await eraser.query(
      `UPDATE personal_data SET value = NULL, erased_at = now() WHERE account_id = 'erased-in-flight'`,
    );
    await eraser.query(
      `DELETE FROM history_snapshots WHERE stream_id IN (SELECT stream_id FROM streams WHERE account_id = 'erased-in-flight')`,
    );
    await pause(20);
    const db = writingAfter(() => eraser.query("COMMIT"));
    const [read] = await loadStreamsAt(db, testRegistry, [streamId], head, foldOf);
    expect(read!.state).toEqual({ names: ["Ada Lovelace"] }); // the erasure was not committed yet
    expect(await kept(streamId)).toEqual([]);
  });

  test("a stream id not of the form <kind>-<id> is refused before anything is read", async () => {
    await expect(loadStreamsAt(t.db.prisma, testRegistry, ["nodash"], head, foldOf)).rejects.toBeInstanceOf(
      EventValidationError,
    );
  });
});

describe("folding on from states already folded at an earlier position", () => {
  let t: TestDatabase;
  let store: EventStore;
  const counterFoldOf = () => ({ ...counterFold, stateVersion: 1 }) as never;
  const snapshotsOf = async (streamId: string) =>
    (
      await t.db.prisma.$queryRaw<{ stream_version: number }[]>`
        SELECT stream_version FROM history_snapshots WHERE stream_id = ${streamId} ORDER BY stream_version`
    ).map((row) => row.stream_version);

  beforeAll(async () => {
    t = await createTestDatabase();
    store = createEventStore(t.db, { registry: testRegistry });
  });
  afterAll(async () => t?.drop());

  test("ends where a fold from the start ends, reads only the events after the states, and keeps no snapshot from them", async () => {
    const streamId = "counter-folded-on";
    const positions: number[] = [];
    for (const [from, count] of [
      [0, HISTORY_EVERY / 2],
      [HISTORY_EVERY / 2, HISTORY_EVERY / 2 + 10],
    ] as const) {
      const written = await store.append(
        streamId,
        Array.from({ length: count }, (_, i) => increment(from + i + 1)),
        { expectedVersion: from === 0 ? "no_stream" : from, metadata: testMetadata({ accountId: "folded-on" }) },
      );
      positions.push(...written.events.map((e) => e.position));
    }
    const positionOf = (version: number) => positions[version - 1]!;
    const early = { position: positionOf(100) };
    const [atEarly] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], early, counterFoldOf);
    expect(atEarly!.version).toBe(100);

    // Past HISTORY_EVERY from the early states: their prefix's business times are not known, so nothing is kept.
    const late = { position: positionOf(HISTORY_EVERY + 5) };
    const folded = { position: early.position, states: new Map([[streamId, atEarly!]]) };
    const [on] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], late, counterFoldOf, folded);
    expect(await snapshotsOf(streamId)).toEqual([]);
    expect(on!.state).toEqual({ total: ((HISTORY_EVERY + 5) * (HISTORY_EVERY + 6)) / 2, count: HISTORY_EVERY + 5 });

    // The states given are folded on from, not the log's start: a planted state shows through.
    const planted = {
      position: early.position,
      states: new Map([[streamId, { version: 100, state: { total: -1, count: 0 } }]]),
    };
    const [fromPlanted] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], late, counterFoldOf, planted);
    expect(fromPlanted!.state).toEqual({ total: -1 + (on!.state as { total: number }).total - 5050, count: 405 });

    const [whole] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], late, counterFoldOf);
    expect(on).toEqual(whole);
    // The whole fold kept a snapshot at HISTORY_EVERY; being nearer than the planted states, it is used instead.
    expect(await snapshotsOf(streamId)).toEqual([HISTORY_EVERY]);
    const [nearer] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], late, counterFoldOf, planted);
    expect(nearer).toEqual(whole);
    // At the snapshot's own event: nothing to fold after it, and that event is still the stream's last.
    const atSnapshot = { position: positionOf(HISTORY_EVERY) };
    const [onSnapshot] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], atSnapshot, counterFoldOf);
    expect(onSnapshot).toMatchObject({ version: HISTORY_EVERY, lastEvent: { version: HISTORY_EVERY } });
    expect(onSnapshot!.state).toEqual({ total: (HISTORY_EVERY * (HISTORY_EVERY + 1)) / 2, count: HISTORY_EVERY });

    // Nothing after the states: the same state, no last event.
    const [same] = await loadStreamsAt(t.db.prisma, testRegistry, [streamId], early, counterFoldOf, folded);
    expect(same).toMatchObject({ version: 100, state: atEarly!.state, lastEvent: null });
    await expect(
      loadStreamsAt(t.db.prisma, testRegistry, [streamId], { position: 1 }, counterFoldOf, folded),
    ).rejects.toThrow(/earlier position/);
  });
});
