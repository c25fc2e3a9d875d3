import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { adminQuery, createEmbeddedTestDatabase, createTestDatabase, databaseUrl } from "@/lib/testing/databases";
import { migrate } from "./migrate";
import { openServerDatabase } from "./open";
import { compareSchemaWithDatabase, expectedColumns } from "./schema-check";
import type { Database } from "./types";

const TRIGRAM_INDEXES = [
  "rm_account_summary_account_id_trgm_idx",
  "rm_account_summary_billing_email_trgm_idx",
  "rm_account_summary_name_trgm_idx",
  "rm_invoices_invoice_id_trgm_idx",
  "rm_lead_pipeline_company_trgm_idx",
  "rm_lead_pipeline_email_trgm_idx",
  "rm_lead_pipeline_name_trgm_idx",
];

const searchState = (db: Database) =>
  db.sqlTransaction(async (s) => ({
    extension: (await s.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).length === 1,
    indexes: (
      await s.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_trgm\\_idx' ORDER BY indexname`,
      )
    ).map((r) => r.indexname),
  }));

describe("search's trigram indexes", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test("the PostgreSQL server gets pg_trgm and the indexes", async () => {
    const t = await createTestDatabase({ poolMax: 2 });
    cleanups.push(t.drop);
    expect(await searchState(t.db)).toEqual({ extension: true, indexes: TRIGRAM_INDEXES });
  });

  test("the embedded database (PGlite, with its pg_trgm loaded) gets them too", async () => {
    const db = await createEmbeddedTestDatabase();
    cleanups.push(() => db.close());
    expect(await searchState(db)).toEqual({ extension: true, indexes: TRIGRAM_INDEXES });
  });

  test("where the extension cannot be created, the migrations still apply and search scans", async () => {
    // A role that owns its schema but may not create extensions (no CREATE on the database).
    const suffix = `${Math.floor(Date.now() / 1000)}_noext${randomBytes(3).toString("hex")}`;
    const role = `ledgerline_role_${suffix}`;
    const name = `ledgerline_test_${suffix}`;
    await adminQuery(`CREATE ROLE ${role} LOGIN`);
    cleanups.push(() => adminQuery(`DROP ROLE IF EXISTS ${role}`));
    await adminQuery(`CREATE DATABASE ${name}`);
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const owner = new pg.Client({ connectionString: databaseUrl(name) });
    await owner.connect();
    await owner.query(`ALTER SCHEMA public OWNER TO ${role}`);
    await owner.end();

    const url = new URL(databaseUrl(name));
    url.username = role;
    const db = openServerDatabase(url.toString(), 2);
    cleanups.push(() => db.close());
    await migrate(db);
    expect(await searchState(db)).toEqual({ extension: false, indexes: [] });
    expect(await db.sqlTransaction((s) => compareSchemaWithDatabase(s, expectedColumns()))).toEqual([]);
    await db.prisma.$executeRaw`
      INSERT INTO rm_lead_pipeline (lead_id, account_id, company, name, email, stage, captured_at, stage_entered_at)
      VALUES ('l1', 'a1', 'Jazz Age Inc', 'Zelda', 'zelda@example.org', 'captured', now(), now())`;
    const found = await db.prisma.rmLeadPipeline.findMany({
      where: { company: { contains: "age", mode: "insensitive" } },
    });
    expect(found.map((l) => l.leadId)).toEqual(["l1"]);
  });
});
