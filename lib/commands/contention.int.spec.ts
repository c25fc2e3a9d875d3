import { afterAll, beforeAll, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";

let t: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
});
afterAll(async () => t?.drop());

const caller = { system: "test" } as const;
const issue = (type: string, data: Record<string, unknown>) =>
  issueCommand(runtime, { type, data, caller, source: "system" } as never);

test("commands without If-Match on one hot account all land under 8 writers, each once, versions gap-free", async () => {
  await issue("OpenAccount", { accountId: "hot", name: "Hot Ltd", billingEmail: "h@h.example", currency: "USD" });
  await issue("PurchasePlan", { accountId: "hot", plan: "pro", interval: "monthly", seats: 1 });
  const before = await runtime.store.streamVersion("subscription-hot");

  // Every command moves the seats, and each upgrade bills a proration invoice: the follow-ups race too.
  const writers = 8;
  const each = 6;
  const outcomes = await Promise.allSettled(
    Array.from({ length: writers }, (_, w) =>
      (async () => {
        for (let i = 0; i < each; i++) await issue("ChangeSeats", { accountId: "hot", seats: 2 + w * each + i });
      })(),
    ),
  );
  expect(
    outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason)),
  ).toEqual([]);

  const versions = await t.db.prisma.$queryRaw<{ v: number }[]>`
    SELECT stream_version AS v FROM events WHERE stream_id = 'subscription-hot' ORDER BY 1`;
  expect(versions.map((r) => r.v)).toEqual(versions.map((_, i) => i + 1));
  expect(versions.length - before).toBeGreaterThanOrEqual(writers * each);
});
