import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import type { SubscriptionState } from "@/lib/domain";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
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
