import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";
import { readAllSettled } from "@/lib/testing/read-settled";
import { applyEvents, batchTransaction, ProjectionWriteError } from "./batch";
import { accountWithHistory } from "./engine-testing/fixtures";
import { readProjectionHealth } from "./health";
import { ProjectionRunner } from "./runner";
import { defineReadModel, projectionContext } from "./types";

let t: TestDatabase;
let runtime: Runtime;

/** Account names, in a table that refuses one: the write fails, not the fold. */
const strict = defineReadModel({
  name: "test-strict",
  version: 1,
  eventTypes: ["AccountOpened", "AccountRenamed"],
  tables: {
    rm_test_strict: {
      key: ["account_id"],
      columns: { account_id: "text", name: "text" },
      fromRow: (row: { account_id: string; name: string }) => ({ accountId: row.account_id, name: row.name }),
      toRow: (r: { accountId: string; name: string }) => ({ account_id: r.accountId, name: r.name }),
    },
  },
  keys: (event) => ({ rm_test_strict: [event.accountId] }),
  fold(rows, event) {
    const name = String((event.data as { name: string }).name);
    rows.rm_test_strict.set(event.accountId, { accountId: event.accountId, name });
  },
});

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  await t.db.prisma.$executeRawUnsafe(`
    CREATE TABLE rm_test_strict (account_id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (name <> 'Refused'))`);
});
afterAll(async () => t?.drop());

describe("a write that fails", () => {
  test("in a batch of many: its events are applied one at a time, and the one that fails stops the read model, named", async () => {
    const before = await accountWithHistory(runtime, 2, "before");
    const rename = (name: string) =>
      issueCommand(runtime, {
        type: "RenameAccount",
        data: { accountId: before, name },
        caller: { system: "test" },
        source: "system",
      });
    await rename("Accepted");
    // (A batch writes each row's last value: the refused one must be its account's last.)
    const refused = await rename("Refused");
    const after = await accountWithHistory(runtime, 1, "after");
    const runner = new ProjectionRunner(runtime, [strict], { pollMs: 50, log: () => undefined });
    await runner.start();
    try {
      await eventually(async () => {
        const [health] = await readProjectionHealth(runtime, [strict]);
        expect(health).toMatchObject({
          status: "failed",
          failedEvent: { position: refused.position, type: "AccountRenamed" },
          lastError: expect.stringContaining("rm_test_strict_name_check"),
        });
      });
    } finally {
      await runner.stop();
    }
    // Everything before the refused event is in; nothing after it.
    const rows = await t.db.prisma.$queryRaw<{ account_id: string; name: string }[]>`
      SELECT account_id, name FROM rm_test_strict WHERE account_id IN (${before}, ${after})`;
    expect(rows).toEqual([{ account_id: before, name: "Accepted" }]);
  });

  test("through COPY too: the batch's write fails whole, nothing is written, and the connection serves the next batch", async () => {
    const accountId = await accountWithHistory(runtime, 1, "copied");
    await issueCommand(runtime, {
      type: "RenameAccount",
      data: { accountId, name: "Refused" },
      caller: { system: "test" },
      source: "system",
    });
    const mine = (await readAllSettled(runtime, 0)).events.filter((e) => e.accountId === accountId);
    const apply = (events: typeof mine) =>
      batchTransaction(runtime, (tx) =>
        applyEvents({ ...projectionContext(tx, strict), copyFromRows: 1 }, strict, events),
      );
    await expect(apply(mine)).rejects.toBeInstanceOf(ProjectionWriteError);
    await expect(apply(mine)).rejects.toThrow(/rm_test_strict_name_check/);
    const count = async () =>
      (
        await t.db.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM rm_test_strict WHERE account_id = ${accountId}`
      )[0]!.n;
    expect(Number(await count())).toBe(0);
    // The events before the refused rename go through COPY on the same pool's connections.
    for (let i = 0; i < 3; i++) await apply(mine.slice(0, -1));
    expect(Number(await count())).toBe(1);
  });
});
