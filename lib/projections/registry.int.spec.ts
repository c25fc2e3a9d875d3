import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { projectionByName, projections } from "./registry";
import { tableChecksum } from "./checksum";
import { applyLogToAll, createShadows } from "./testing/apply-log";
import { buildHistory } from "./testing/history";
import { projectionContext } from "./types";
import { applyEvents } from "./batch";
import { readAllSettled } from "@/lib/testing/read-settled";

const tables = projections.flatMap((p) => p.tables);

describe("read-model registry", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await seedDemoData(runtime, { accounts: 5, concurrency: 4 });
    await buildHistory(runtime);
    await applyLogToAll(runtime, projections);
  });
  afterAll(async () => t?.drop());

  test("every projection and its version, found by name", () => {
    expect(projections.map((p) => [p.name, p.version])).toEqual([
      ["account-summary", 1],
      ["account-timeline", 3],
      ["invoices", 1],
      ["revenue-movements", 1],
      ["customer-lifecycle", 2],
      ["trial-conversions", 2],
    ]);
    expect(projectionByName("invoices")?.tables).toEqual(["rm_invoices"]);
    expect(projectionByName("nope")).toBeUndefined();
  });

  test("every table has account_id and nothing a rebuild could not reproduce", async () => {
    const columns = await t.db.prisma.$queryRaw<{ table_name: string; column_name: string; d: string | null }[]>`
      SELECT table_name, column_name, column_default AS d FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY(${tables})`;
    for (const table of tables)
      expect(columns).toContainEqual({ table_name: table, column_name: "account_id", d: null });
    expect(columns.filter((c) => c.d !== null)).toEqual([]);
    const [extras] = await t.db.prisma.$queryRaw<{ identities: bigint; triggers: bigint; fks: bigint }[]>`
      SELECT (SELECT count(*) FROM information_schema.columns
                WHERE table_name = ANY(${tables}) AND is_identity = 'YES') AS identities,
             (SELECT count(*) FROM information_schema.triggers WHERE event_object_table = ANY(${tables})) AS triggers,
             (SELECT count(*) FROM information_schema.table_constraints
                WHERE table_name = ANY(${tables}) AND constraint_type = 'FOREIGN KEY') AS fks`;
    expect(extras).toEqual({ identities: 0n, triggers: 0n, fks: 0n });
  });

  test("a full rebuild into shadow tables produces identical rows", async () => {
    for (const projection of projections) await createShadows(runtime, projection);
    await applyLogToAll(runtime, projections, "__shadow");
    for (const table of tables) {
      const live = await tableChecksum(runtime.db.prisma, table);
      expect(live.rows, table).toBeGreaterThan(0);
      expect(await tableChecksum(runtime.db.prisma, `${table}__shadow`), table).toEqual(live);
    }
  });

  /** What a per-account rebuild does: delete the account's rows, replay its events in log order. */
  async function rebuildAccount(accountId: string) {
    for (const table of tables) {
      await t.db.prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE account_id = $1`, accountId);
    }
    let after = 0;
    for (;;) {
      const page = await readAllSettled(runtime, after);
      if (page.events.length === 0) return;
      for (const event of page.events.filter((e) => e.accountId === accountId)) {
        for (const projection of projections.filter((p) => p.eventTypes.includes(event.type))) {
          if (projection.reactor) continue;
          await t.db.prisma.$transaction((tx) => applyEvents(projectionContext(tx, projection), projection, [event]));
        }
      }
      after = page.checkpoint;
    }
  }

  test("rebuilding one account's rows from its events alone reproduces them", async () => {
    const before = await Promise.all(tables.map((table) => tableChecksum(runtime.db.prisma, table)));
    await rebuildAccount("acme");
    await rebuildAccount("t-cancel");
    expect(await Promise.all(tables.map((table) => tableChecksum(runtime.db.prisma, table)))).toEqual(before);
  });

  test("after an erasure, rebuilding the account removes its names and emails from every read model", async () => {
    const mentions = async (text: string) => {
      let found = 0;
      for (const table of tables) {
        const [row] = await t.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table}" t WHERE strpos(row_to_json(t)::text, $1) > 0`,
          text,
        );
        found += Number(row?.n ?? 0);
      }
      return found;
    };
    // A lead's contact is kept against its prospective account (the lead pipeline's name and email).
    const [lead] = await t.db.prisma.$queryRaw<{ account_id: string }[]>`
      SELECT account_id FROM rm_lead_pipeline WHERE lead_id = 'vandelay'`;
    const personal = ["Globex Corporation", "ap@globex.example", "Art Vandelay", "art@vandelay.example"];
    for (const text of personal) expect(await mentions(text), text).toBeGreaterThan(0);
    for (const accountId of ["globex", lead!.account_id]) {
      await runtime.store.erasePersonalData(accountId);
      await rebuildAccount(accountId);
    }
    for (const text of personal) expect(await mentions(text), text).toBe(0);
    expect(await mentions("[erased]")).toBeGreaterThan(0);
  });
});
