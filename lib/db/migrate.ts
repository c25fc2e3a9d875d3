import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "./types";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

// Any fixed number works; it only has to be the same for every migrator.
const MIGRATION_LOCK_KEY = 7_246_110_301;

// The same table `prisma migrate deploy` keeps, so either tool sees the other's work.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const defaultMigrationsDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/** Reads prisma/migrations/<timestamp>_<name>/migration.sql in name order. */
export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so
 * concurrent runs serialise and a second run does nothing. A migration that
 * changed after it was applied is an error, never silently skipped.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<MigrateResult> {
  return db.sqlTransaction(async (session) => {
    await session.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await session.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied. ` +
              `Add a new migration instead of editing an applied one.`,
          );
        }
        continue;
      }
      const startedAt = new Date();
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: done.size };
  });
}
