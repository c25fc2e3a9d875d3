import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";

/** Raw SQL as the Prisma client's $queryRaw and $executeRaw take it: a tagged template or a Prisma.Sql. */
export interface RawQueryable {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

export interface RawTransactionOptions {
  /** Milliseconds any one statement may run, and the transaction may sit idle, before the server ends it. */
  timeout: number;
}

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;

/** Values as Prisma's raw queries return them: int8 as bigint, date and timestamp (no zone) as UTC instants. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === DATE) return (value: string) => new Date(`${value}T00:00:00Z`);
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  },
};

const isTemplate = (query: TemplateStringsArray | Prisma.Sql): query is TemplateStringsArray => Array.isArray(query);

/** Raw queries on a pool (each in autocommit on whichever connection is free) or on one client. */
export function queryable(client: pg.Pool | pg.PoolClient): RawQueryable {
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = isTemplate(query) ? Prisma.sql(query, ...values) : query;
    return client.query({ text: sql.text, values: sql.values, types });
  };
  return {
    $queryRaw: async <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await run(query, values)).rows as T,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await run(query, values)).rowCount ?? 0,
  };
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
    const result = await fn(queryable(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
