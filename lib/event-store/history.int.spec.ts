import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { EventValidationError } from "./errors";
import { createEventStore, type EventStore } from "./event-store";
import { HISTORY_EVERY, loadStreamsAt } from "./history";
import { ERASED } from "./personal-data";
import type { Queryable } from "./rows";
import { increment, testMetadata, testRegistry } from "./test-fixtures";

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
