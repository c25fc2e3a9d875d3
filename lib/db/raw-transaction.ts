import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Prisma } from "@/lib/generated/prisma/client";
import { readPreparedStatements } from "./config";
import { parseTimestamptz } from "./timestamptz";

/** Raw SQL as the Prisma client's $queryRaw and $executeRaw take it: a tagged template or a Prisma.Sql. */
export interface RawQueryable {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  /**
   * `COPY … FROM STDIN` with rows in COPY's text format, streamed a chunk at
   * a time: only inside a transaction on a server (rawTransaction); absent elsewhere.
   */
  $copyFrom?(statement: string, chunks: Iterable<string>): Promise<void>;
}

export interface RawTransactionOptions {
  /** Milliseconds any one statement may run, and the transaction may sit idle, before the server ends it. */
  timeout: number;
}

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/**
 * Values as Prisma's raw queries return them: int8 as bigint, date and
 * timestamp (no zone) as UTC instants; timestamptz as pg reads it, faster.
 */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === DATE) return (value: string) => new Date(`${value}T00:00:00Z`);
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === TIMESTAMPTZ && format !== "binary") return parseTimestamptz;
    return pg.types.getTypeParser(oid, format);
  },
};

const isTemplate = (query: TemplateStringsArray | Prisma.Sql): query is TemplateStringsArray => Array.isArray(query);

const PREPARED = Symbol("prepared");
const PREPARES = readPreparedStatements();
type PreparedSql = Prisma.Sql & { [PREPARED]?: true };
const statementNames = new Map<string, string>();

/**
 * A statement the server parses and plans once per connection, then only
 * executes: for the store's hot paths (a load, an append, a head, a key),
 * whose planning cost more than running them (a stream's load 680 → 260 µs).
 * Only for statements whose text does not vary with their values, since
 * each text stays prepared on every connection that ran it. Through Prisma
 * (the embedded database), or with DATABASE_PREPARED_STATEMENTS=off (a
 * pooler that cannot keep them; config.ts), it is an ordinary statement.
 */
export function prepared(strings: TemplateStringsArray, ...values: unknown[]): Prisma.Sql {
  return Object.assign(Prisma.sql(strings, ...values), { [PREPARED]: true as const });
}

function statementName(sql: PreparedSql): string | undefined {
  if (!sql[PREPARED] || !PREPARES) return undefined;
  let name = statementNames.get(sql.text);
  if (!name) {
    name = `ll_${createHash("sha1").update(sql.text).digest("hex").slice(0, 20)}`;
    statementNames.set(sql.text, name);
  }
  return name;
}

/** Raw queries on a pool (each in autocommit on whichever connection is free) or on one client. */
export function queryable(client: pg.Pool | pg.PoolClient): RawQueryable {
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = isTemplate(query) ? Prisma.sql(query, ...values) : query;
    const name = statementName(sql);
    return client.query({ text: sql.text, values: sql.values, types, ...(name ? { name } : {}) });
  };
  return {
    $queryRaw: async <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await run(query, values)).rows as T,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await run(query, values)).rowCount ?? 0,
  };
}

/** Streams COPY-format text into a `COPY … FROM STDIN` statement on this connection. */
async function copyInto(client: pg.PoolClient, statement: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(statement)));
}

/**
 * One transaction on a pooled connection, straight through the driver: for
 * work whose statements carry large parameters (a read model batch's rows as
 * JSON), where going through Prisma's query layer costs about ten times the
 * driver's CPU per byte. Rolls back if fn throws.
 */
export async function rawTransaction<T>(
  pool: pg.Pool,
  fn: (tx: RawQueryable) => Promise<T>,
  { timeout }: RawTransactionOptions,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    const ms = Math.max(1, Math.round(timeout));
    // One round trip; the server ends a statement or an idle transaction that outlives the timeout.
    await client.query(
      `BEGIN; SET LOCAL statement_timeout = ${ms}; SET LOCAL idle_in_transaction_session_timeout = ${ms}`,
    );
    const result = await fn({
      ...queryable(client),
      $copyFrom: (statement, chunks) => copyInto(client, statement, chunks),
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
