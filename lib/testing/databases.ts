import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadMigrations, migrate } from "@/lib/db/migrate";
import { openEmbeddedDatabase, openServerDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/types";

/** The PostgreSQL server the integration tests use; each test file gets its own database on it. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function templateName(): string {
  const digest = loadMigrations()
    .map((m) => m.checksum.slice(0, 6))
    .join("");
  return `ledgerline_tpl_${digest.slice(-24)}`;
}

export async function adminQuery<R extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  db: Database;
  url: string;
  name: string;
  /** A second connection for the test itself (e.g. to hold a transaction open). */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the template made in global setup. */
export async function createTestDatabase(options: { poolMax?: number } = {}): Promise<TestDatabase> {
  // The creation time in the name lets a later run drop what a crashed run left behind.
  const name = `ledgerline_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  const url = databaseUrl(name);
  const db = openServerDatabase(url, options.poolMax ?? 20);
  const clients: pg.Client[] = [];
  return {
    db,
    url,
    name,
    async client() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      return client;
    },
    async drop() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A throwaway in-memory embedded database with the migrations applied. */
export async function createEmbeddedTestDatabase(): Promise<Database> {
  const db = await openEmbeddedDatabase("memory://");
  await migrate(db);
  return db;
}

/**
 * An open transaction holding a transaction id on its own connection (on any
 * database of the server it holds back every reader's horizon), its last
 * statement `statement`; release() ends it and the connection (once; again is a no-op).
 */
export async function holdTransaction(url: string, statement = "SELECT pg_current_xact_id()") {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(statement);
  } catch (error) {
    await client.end();
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query("ROLLBACK");
      } finally {
        await client.end();
      }
    },
  };
}
