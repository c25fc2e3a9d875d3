import { afterAll, beforeAll, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import type { Runtime } from "@/lib/server/runtime";
import { createRuntime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";

// Two processes on one database, each with the folds it keeps between commands (state-cache.ts).
let t: TestDatabase;
let mine: Runtime;
let other: Runtime;
const unread: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  mine = createRuntime(t.db);
  other = createRuntime(t.db);
  // Counts the appends whose decision took states unread (checked by the append).
  const appendAll = mine.store.appendAll;
  mine.store.appendAll = (items, options) => {
    if (options?.assumed?.length) unread.push(items[0]!.streamId);
    return appendAll(items, options);
  };
});
afterAll(async () => t?.drop());

const lastSeats = async (accountId: string) =>
  (await other.store.readStream(`subscription-${accountId}`)).filter((e) => e.type === "SeatsChanged").at(-1)!.data;

const issue = (runtime: Runtime, type: string, data: Record<string, unknown>, expectedVersion?: number) =>
  issueCommand(runtime, { type, data, caller: { system: "test" }, source: "system", expectedVersion });

async function customer(accountId: string) {
  await issue(mine, "OpenAccount", { accountId, name: "Kept Ltd", billingEmail: "k@k.example", currency: "USD" });
  await issue(mine, "PurchasePlan", { accountId, plan: "pro", interval: "monthly", seats: 2 });
  // The first seat change reads, and keeps what it read.
  await issue(mine, "ChangeSeats", { accountId, seats: 3 });
  unread.length = 0;
}

test("a command on states this process kept is decided without a read and appended with its invoice", async () => {
  await customer("kept-1");
  const changed = await issue(mine, "ChangeSeats", { accountId: "kept-1", seats: 5 });
  expect(unread).toEqual(["subscription-kept-1"]);
  expect(changed.followUps.map((f) => f.commandType)).toEqual(["IssueInvoice"]);
  const seats = (await other.store.readStream("subscription-kept-1")).filter((e) => e.type === "SeatsChanged");
  expect(seats.map((e) => [e.data.seatsBefore, e.data.seats])).toEqual([
    [2, 3],
    [3, 5],
  ]);
});

test("another process changed the seats meanwhile: decided again on them, not on what this one kept", async () => {
  await customer("kept-2");
  await issue(other, "ChangeSeats", { accountId: "kept-2", seats: 6 });
  // Kept: 3 seats. The stream has 6: "already has 6", nothing written.
  await expect(issue(mine, "ChangeSeats", { accountId: "kept-2", seats: 6 })).rejects.toMatchObject({
    code: "SEATS_UNCHANGED",
  });
  await issue(mine, "ChangeSeats", { accountId: "kept-2", seats: 8 });
  expect(await lastSeats("kept-2")).toMatchObject({ seatsBefore: 6, seats: 8 });
});

test("another process closed the account meanwhile: the closed account refuses the command", async () => {
  await customer("kept-3");
  const before = await other.store.streamVersion("subscription-kept-3");
  await issue(other, "CloseAccount", { accountId: "kept-3", reason: "Customer left" });
  await expect(issue(mine, "ChangeSeats", { accountId: "kept-3", seats: 4 })).rejects.toMatchObject({
    code: "ACCOUNT_CLOSED",
  });
  expect(await other.store.streamVersion("subscription-kept-3")).toBe(before);
});

test("a command pinned to a version reads: a version this process has not seen yet is not a conflict", async () => {
  await customer("kept-4");
  await issue(other, "ChangeSeats", { accountId: "kept-4", seats: 7 });
  const version = await other.store.streamVersion("subscription-kept-4");
  await issue(mine, "ChangeSeats", { accountId: "kept-4", seats: 9 }, version);
  expect(await lastSeats("kept-4")).toMatchObject({ seatsBefore: 7, seats: 9 });
  expect(unread).toEqual([]);
});
