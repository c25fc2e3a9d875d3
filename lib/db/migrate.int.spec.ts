import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { adminQuery, databaseUrl } from "@/lib/testing/databases";
import { loadMigrations, migrate } from "./migrate";
import { openServerDatabase } from "./open";
import { compareSchemaWithDatabase, expectedColumns } from "./schema-check";
import type { Database } from "./types";

// An empty database, not the template: this is where migrations prove themselves.
const name = `ledgerline_test_${Math.floor(Date.now() / 1000)}_mig${randomBytes(3).toString("hex")}`;
let db: Database;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${name}`);
  db = openServerDatabase(databaseUrl(name), 4);
});
afterAll(async () => {
  await db?.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("migrations", () => {
  test("apply to an empty database, concurrently, exactly once", async () => {
    const all = loadMigrations();
    expect(all.length).toBeGreaterThan(0);
    // Two migrators at once: the advisory lock serialises them; the second finds nothing to do.
    const [first, second] = await Promise.all([migrate(db), migrate(db)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(all.map((m) => m.name));
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(all.length);

    const recorded = await db.sqlTransaction((s) =>
      s.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(recorded.map((r) => [r.migration_name, r.checksum])).toEqual(all.map((m) => [m.name, m.checksum]));
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
  });

  test("every Prisma model and field has its column with a compatible type", async () => {
    const expected = expectedColumns();
    expect(expected.find((c) => c.column === "transaction_id")?.types).toEqual(["xid8"]);
    const problems = await db.sqlTransaction((s) => compareSchemaWithDatabase(s, expected));
    expect(problems).toEqual([]);
  });

  test("the check notices a column the database lacks or types differently", async () => {
    const expected = [
      ...expectedColumns(),
      { model: "Event", field: "ghost", table: "events", column: "ghost", types: ["text"], nullable: false },
      { model: "Event", field: "hash", table: "events", column: "hash", types: ["int4"], nullable: true },
    ];
    const problems = await db.sqlTransaction((s) => compareSchemaWithDatabase(s, expected));
    expect(problems).toEqual([
      "Event.ghost (events.ghost): column is missing",
      "Event.hash (events.hash): database type text, schema expects int4",
      "Event.hash (events.hash): database forbids NULL, schema allows it",
    ]);
  });

  test("an applied migration that was edited is refused", async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/was changed after it was applied/);
  });
});
