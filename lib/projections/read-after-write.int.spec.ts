import { afterAll, beforeAll, expect, test } from "vitest";
import { createRuntime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountWithHistory } from "./engine-testing/fixtures";
import { unprojectedForAccount, unprojectedForStream } from "./read-after-write";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

// The definition, read the slow way: every event of the account past the checkpoint in (transaction, position) order.
const byDefinition = async (accountId: string, checkpoint: bigint) => {
  const rows = await t.db.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM events e WHERE e.account_id = ${accountId} AND (
      ${checkpoint} = 0 OR (e.transaction_id, e.global_position) >
        (SELECT transaction_id, global_position FROM events WHERE global_position = ${checkpoint}))`;
  return Number(rows[0]!.n);
};

test("what is not yet projected counts the same as by definition, from before the first batch to caught up", async () => {
  const runtime = createRuntime(t.db);
  // Three accounts written concurrently, so transactions and positions may interleave.
  const accounts = await Promise.all([1, 2, 3].map((n) => accountWithHistory(runtime, 3, `raw${n}`)));
  const positions = (
    await t.db.prisma.event.findMany({ select: { globalPosition: true }, orderBy: { globalPosition: "asc" } })
  ).map((e) => e.globalPosition);
  await t.db.prisma.projectionCheckpoint.create({ data: { name: "probe", version: 1, position: 0 } });
  for (const position of [0n, ...positions]) {
    await t.db.prisma.projectionCheckpoint.update({ where: { name: "probe" }, data: { position } });
    for (const accountId of accounts) {
      expect(await unprojectedForAccount(t.db.prisma, "probe", accountId)).toBe(
        await byDefinition(accountId, position),
      );
    }
  }
  const [first] = accounts;
  await t.db.prisma.projectionCheckpoint.update({ where: { name: "probe" }, data: { position: 0n } });
  const streamEvents = await t.db.prisma.event.count({ where: { streamId: `account-${first}` } });
  expect(streamEvents).toBeGreaterThan(1);
  expect(await unprojectedForStream(t.db.prisma, "probe", `account-${first}`)).toBe(streamEvents);
  await t.db.prisma.projectionCheckpoint.update({ where: { name: "probe" }, data: { position: positions.at(-1)! } });
  expect(await unprojectedForAccount(t.db.prisma, "probe", first!)).toBe(0);
});
