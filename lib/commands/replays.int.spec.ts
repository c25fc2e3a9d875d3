import { afterAll, beforeAll, expect, test } from "vitest";
import type { Source } from "@/lib/event-store";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { issueCommand } from "@/lib/automation/issue-command";
import type { Caller } from "./handle-command";

let t: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
});
afterAll(async () => t?.drop());

const admin: Caller = { principal: { type: "user", id: "dana", role: "admin", name: "Dana" } };
const open = (accountId: string, caller: Caller, source: Source, requestId: string) =>
  issueCommand(runtime, {
    type: "OpenAccount",
    data: { accountId, name: accountId, billingEmail: `b@${accountId}.example`, currency: "USD" },
    caller,
    source,
    requestId,
    idempotencyKey: `open-${accountId}`,
  });

/** Sends one request twice; returns the repeat's answer and what request_replays holds for the first's events. */
async function sendTwice(accountId: string, caller: Caller, source: Source) {
  const first = await open(accountId, caller, source, `${accountId}-1`);
  const repeat = await open(accountId, caller, source, `${accountId}-2`);
  expect(repeat).toMatchObject({ replayed: true, position: first.position });
  return runtime.store.readReplays(accountId, first.position!, first.position!);
}

test("a person's repeat is put on record against the first request's events", async () => {
  const replays = await sendTwice("repeated", admin, "api");
  expect(replays).toMatchObject([
    {
      requestId: "repeated-2",
      source: "api",
      actor: { type: "user", id: "dana", role: "admin" },
      streamId: "account-repeated",
    },
  ]);
});

test("another system's repeat is put on record too", async () => {
  const replays = await sendTwice("hooked", { system: "stripe" }, "webhook");
  expect(replays).toMatchObject([
    { requestId: "hooked-2", source: "webhook", actor: { type: "system", id: "stripe" } },
  ]);
});

test("our own policies' re-runs (source system) are not: re-running is how they stay exactly-once", async () => {
  expect(await sendTwice("rerun", { system: "billing-policy" }, "system")).toEqual([]);
});
