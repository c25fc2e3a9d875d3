import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import type { SubscriptionState } from "@/lib/domain";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { appendInTransaction, prepareAppend } from "@/lib/event-store/append";
import { domainRegistry } from "@/lib/event-store/domain-registry";
import { testMetadata } from "@/lib/event-store/test-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountAt } from "./account-at";
import { diffAggregates } from "./diff";

describe("an account at a point: as recorded and as effective", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const clock = new Date();
  const daysAgo = (n: number) => new Date(clock.getTime() - n * 86_400_000);
  let recordedBeforeBackdating: Date;
  const run = (type: string, data: Record<string, unknown>, now = clock) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api", now });
  const seatsIn = (at: Awaited<ReturnType<typeof accountAt>>) =>
    (at.aggregates.find((a) => a.kind === "subscription")?.state as SubscriptionState & { seats?: number })?.seats;

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    const accountId = "backdated";
    await run(
      "OpenAccount",
      { accountId, name: "Backdated Ltd", billingEmail: "ap@b.example", currency: "USD" },
      daysAgo(30),
    );
    await run("PurchasePlan", { accountId, plan: "pro", interval: "annual", seats: 5 }, daysAgo(30));
    await new Promise((resolve) => setTimeout(resolve, 20));
    recordedBeforeBackdating = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Recorded now, but it happened 20 days ago: seats went to 8 then.
    await run("ChangeSeats", { accountId, seats: 8, occurredAt: daysAgo(20).toISOString() });
  });
  afterAll(async () => t?.drop());

  test("a backdated fact counts as effective from when it happened, and as recorded from when it was written", async () => {
    const effective = await accountAt(runtime.store, "backdated", { effective: daysAgo(10) });
    expect(seatsIn(effective)).toBe(8);
    expect(effective.header).toMatchObject({ seats: 8, plan: "pro", accountStatus: "open" });

    const beforeTheChange = await accountAt(runtime.store, "backdated", { effective: daysAgo(25) });
    expect(seatsIn(beforeTheChange)).toBe(5);

    // What Ledgerline knew before the change was recorded: 5 seats, whatever business time it names.
    const recorded = await accountAt(runtime.store, "backdated", { time: recordedBeforeBackdating });
    expect(seatsIn(recorded)).toBe(5);

    // The two views at the same instant differ, and the diff says where.
    const diff = diffAggregates(recorded.aggregates, effective.aggregates).diffs;
    expect(diff.map((d) => d.kind)).toContain("subscription");
    const seats = diff.find((d) => d.kind === "subscription")!.fields.find((f) => f.path.join(".") === "seats");
    expect(seats).toEqual({ kind: "changed", path: ["seats"], before: 5, after: 8 });
  });

  test("the backdated events carry both times, and what the policy billed because of them", async () => {
    const events = await runtime.store.readStream("subscription-backdated");
    const change = events.find((e) => e.type === "SeatsChanged")!;
    expect(change.occurredAt.toISOString()).toBe(daysAgo(20).toISOString());
    expect(change.recordedAt.getTime()).toBeGreaterThan(recordedBeforeBackdating.getTime());
    expect(change.data).toMatchObject({ changedAt: daysAgo(20).toISOString(), seats: 8 });
  });

  test("before its first event an account has nothing, and an unknown account is empty", async () => {
    expect((await accountAt(runtime.store, "backdated", { position: 0 })).aggregates).toEqual([]);
    expect((await accountAt(runtime.store, "nobody", { position: Number.MAX_SAFE_INTEGER })).aggregates).toEqual([]);
  });
});

describe("answers kept between readers", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const run = (type: string, data: Record<string, unknown>) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api" });
  const now = { position: Number.MAX_SAFE_INTEGER };

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await run("OpenAccount", { accountId: "kept", name: "Kept Ltd", billingEmail: "ap@kept.example", currency: "USD" });
    await run("PurchasePlan", { accountId: "kept", plan: "pro", interval: "monthly", seats: 5 });
  });
  afterAll(async () => t?.drop());

  test("the same point is folded once, until the account's log changes or its personal data is erased", async () => {
    const first = await accountAt(runtime.store, "kept", now);
    expect(await accountAt(runtime.store, "kept", now)).toBe(first);
    expect(first.header).toMatchObject({ seats: 5, name: "Kept Ltd" });

    await run("ChangeSeats", { accountId: "kept", seats: 9 });
    const changed = await accountAt(runtime.store, "kept", now);
    expect(changed).not.toBe(first);
    expect(changed.header.seats).toBe(9);

    await runtime.store.erasePersonalData("kept");
    const erased = await accountAt(runtime.store, "kept", now);
    expect(erased.header.name).toBe("[erased]");

    // Another database's account of the same name is another answer.
    const other = await createTestDatabase();
    try {
      expect((await accountAt(createRuntime(other.db).store, "kept", now)).aggregates).toEqual([]);
    } finally {
      await other.drop();
    }
  });
});

/** The store as accountAt sees it, with every loadStreamsAt's streams written down; a new one has nothing kept. */
function watched(store: Runtime["store"], asked: string[][]) {
  return {
    accountLog: store.accountLog,
    accountStreamIds: store.accountStreamIds,
    accountStreamsChangedBetween: store.accountStreamsChangedBetween,
    loadStreamsAt: ((ids, asOf, foldOf, folded) => {
      asked.push([...ids]);
      return store.loadStreamsAt(ids, asOf, foldOf, folded);
    }) as typeof store.loadStreamsAt,
  };
}

describe("a new point starts from the nearest kept point", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let log: { position: number; streamId: string }[];
  const run = (type: string, data: Record<string, unknown>) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api" });

  const watchedStore = (asked: string[][] = []) => watched(runtime.store, asked);

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await run("OpenAccount", {
      accountId: "steps",
      name: "Steps Ltd",
      billingEmail: "ap@steps.example",
      currency: "USD",
    });
    await run("PurchasePlan", { accountId: "steps", plan: "pro", interval: "monthly", seats: 5 });
    // Each change moves the subscription and opens an invoice for its proration.
    for (const seats of [7, 4, 9, 12, 6]) await run("ChangeSeats", { accountId: "steps", seats });
    log = (
      await t.db.prisma.$queryRaw<{ position: bigint; stream_id: string }[]>`
        SELECT global_position AS position, stream_id FROM events WHERE account_id = 'steps' ORDER BY global_position`
    ).map((row) => ({ position: Number(row.position), streamId: row.stream_id }));
  });
  afterAll(async () => t?.drop());

  test("every point, asked in any order, is what a fold from nothing finds", async () => {
    const warm = watchedStore();
    // A fixed shuffle (no randomness in tests): each point lands above, below and between kept ones.
    const points = [0, ...log.map((e) => e.position)];
    const order = points.map((_, i) => points[(i * 7) % points.length]!);
    expect(new Set(order).size).toBe(points.length);
    for (const position of order) {
      const answer = await accountAt(warm, "steps", { position });
      expect(answer, `position ${position}`).toEqual(await accountAt(watchedStore(), "steps", { position }));
    }
    expect(log.filter((e) => e.streamId.startsWith("invoice-")).length).toBeGreaterThanOrEqual(5);
  });

  test("stepping through a history reads again only the streams with an event between the point and the one before", async () => {
    const asked: string[][] = [];
    const store = watchedStore(asked);
    const streams = [...new Set(log.map((e) => e.streamId))];
    // The last point first, with nothing kept: every stream is folded.
    await accountAt(store, "steps", { position: log.at(-1)!.position });
    expect(asked.map((ids) => ids.sort())).toEqual([streams.sort()]);
    // Back from there: the stream of the event just above is folded afresh; the others are as kept.
    for (let i = log.length - 2; i >= 0; i--) {
      asked.length = 0;
      await accountAt(store, "steps", { position: log[i]!.position });
      expect(asked, `back to position ${log[i]!.position}`).toEqual([[log[i + 1]!.streamId]]);
    }
    // Forward with nothing kept above: the first point folds the one stream begun by then; each next
    // point folds on from the one before it, in the stream its event is in.
    const forward = watchedStore(asked);
    for (const event of log.slice(0, -1)) {
      asked.length = 0;
      await accountAt(forward, "steps", { position: event.position });
      expect(asked, `forward to position ${event.position}`).toEqual([[event.streamId]]);
    }
    expect(streams.length).toBeGreaterThan(3);
  });
});

describe("kept answers while the account is written", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const dana = { principal: { type: "user", id: "dana", role: "admin", name: "Dana" } } as const;
  const run = (type: string, data: Record<string, unknown>) =>
    issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api" });
  const positionsOf = async () =>
    (
      await t.db.prisma.$queryRaw<{ position: bigint; type: string }[]>`
        SELECT global_position AS position, event_type AS type FROM events
        WHERE account_id = 'busy' ORDER BY global_position`
    ).map((row) => ({ position: Number(row.position), type: row.type }));
  const asked: string[][] = [];
  const store = () => watched(runtime.store, asked);
  const cold = (position: number) => accountAt(store(), "busy", { position });

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await run("OpenAccount", { accountId: "busy", name: "Busy Ltd", billingEmail: "ap@busy.example", currency: "USD" });
    await run("PurchasePlan", { accountId: "busy", plan: "pro", interval: "monthly", seats: 5 });
    for (const seats of [7, 4, 9]) await run("ChangeSeats", { accountId: "busy", seats });
  });
  afterAll(async () => t?.drop());

  test("appends past the kept answers leave them standing; a supersession or an erasure does not", async () => {
    const warm = store();
    const log = await positionsOf();
    const seatChanges = log.filter((e) => e.type === "SeatsChanged");
    const middle = seatChanges[1]!.position;
    await accountAt(warm, "busy", { position: middle });

    // New events, all past every kept answer: a point next to the kept one reads only what changed in between.
    await run("ChangeSeats", { accountId: "busy", seats: 11 });
    asked.length = 0;
    const next = log.find((e) => e.position > middle)!.position;
    const answer = await accountAt(warm, "busy", { position: next });
    expect(asked.length).toBe(1);
    expect(asked[0]!.length).toBeLessThanOrEqual(2);
    expect(answer).toEqual(await cold(next));

    // A supersession (appended past them too) changes what every point folds: nothing kept is used.
    const superseded = seatChanges[0]!.position;
    await issueCommand(runtime, {
      type: "SupersedeEvent",
      data: { position: superseded, reason: "Entered by mistake" },
      caller: dana,
      source: "ui",
    });
    asked.length = 0;
    const later = log.find((e) => e.position > next)!.position;
    const afterSupersession = await accountAt(warm, "busy", { position: later });
    expect(asked[0]!.length).toBeGreaterThan(2);
    expect(afterSupersession).toEqual(await cold(later));

    // An erasure (no event of its own here) likewise.
    await accountAt(warm, "busy", { position: middle });
    await runtime.store.erasePersonalData("busy");
    const erased = await accountAt(warm, "busy", { position: next });
    expect(erased.header.name).toBe("[erased]");
    expect(erased).toEqual(await cold(next));
  });

  test("an event committed late, below the head a kept answer was folded under, is not missed", async () => {
    const warm = store();
    const [issued] = (await runtime.store.readStream("subscription-busy")).slice(-1);
    // A copy of the subscription's last event, appended to a new stream in a transaction held open: its
    // position is taken now, its commit comes after a later append's.
    const streamId = "subscription-late";
    const options = { expectedVersion: "no_stream" as const, metadata: testMetadata({ accountId: "busy" }) };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let taken!: (position: number) => void;
    const late = new Promise<number>((resolve) => (taken = resolve));
    const held = t.db.prisma.$transaction(async (tx) => {
      const events = [{ type: issued!.type, data: issued!.data }];
      const result = await appendInTransaction(
        tx,
        streamId,
        prepareAppend(domainRegistry, streamId, events, options),
        options,
      );
      taken(result.position);
      await gate;
    });
    const latePosition = await late;
    await run("ChangeSeats", { accountId: "busy", seats: 6 });
    const head = (await positionsOf()).at(-1)!.position;
    expect(head).toBeGreaterThan(latePosition);
    const before = await accountAt(warm, "busy", { position: head });
    expect(before.aggregates.map((a) => a.streamId)).not.toContain(streamId);

    release();
    await held;
    asked.length = 0;
    const after = await accountAt(warm, "busy", { position: head });
    expect(after.aggregates.map((a) => a.streamId)).toContain(streamId);
    expect(after).toEqual(await cold(head));
  });
});
