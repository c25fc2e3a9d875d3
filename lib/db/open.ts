import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DbConfig } from "./config";
import { queryable, type RawQueryable, rawTransaction } from "./raw-transaction";
import { acquireEmbeddedLock } from "./embedded-lock";
import type { Database, DedicatedSession, SqlSession } from "./types";

export async function openDatabase(config: DbConfig): Promise<Database> {
  return config.kind === "server"
    ? openServerDatabase(config.url, config.poolMax, config.poolTimeoutMs)
    : openEmbeddedDatabase(config.dataDir);
}

/**
 * A pool on a server. With `poolTimeoutMs`, a query that finds no free connection (or cannot open one) in
 * that time fails instead of waiting on: the API answers it with a 503 (lib/db/unavailable.ts). Without it
 * (tests, benchmarks, scripts) it waits as long as it takes.
 */
export function openServerDatabase(url: string, poolMax = 10, poolTimeoutMs = 0): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: poolTimeoutMs,
    application_name: "ledgerline",
    // No JIT compilation: the app's statements are short, and the planner's cost estimates sent some
    // over the threshold only to spend more compiling than running (a 100,000-event load compiled for
    // 260-350 ms; a rebuild of every read model ran 4-11% faster without JIT). A statement before the
    // connection is handed out, not a startup option (which poolers may refuse); a server that cannot
    // take it is used as it is.
    onConnect: async (client) => {
      await client.query("SET jit = off").catch(() => undefined);
    },
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "server",
    prisma,
    raw: queryable(pool),
    async sqlTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(pgSession(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    rawTransaction: (fn, options) => rawTransaction(pool, fn, options),
    async openSession() {
      const client = new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: poolTimeoutMs,
        application_name: "ledgerline-session",
      });
      await client.connect();
      return dedicatedSession(client);
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function dedicatedSession(client: pg.Client): DedicatedSession {
  // One connection, several callers (every projection's lease loop): one query at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  let lost: ((error: Error) => void) | null = null;
  let closing = false;
  const fail = (error: Error) => {
    if (closing || !lost) return;
    const handler = lost;
    lost = null;
    handler(error);
  };
  client.on("error", fail);
  client.on("end", () => fail(new Error("the session's connection ended")));
  const session = pgSession(client);
  return {
    query: (text, params) => serial(() => session.query(text, params)),
    exec: (text) => serial(() => session.exec(text)),
    async listen(channel, onNotify) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const handler = (message: pg.Notification) => {
        if (message.channel === channel) onNotify(message.payload ?? "");
      };
      client.on("notification", handler);
      await serial(() => client.query(`LISTEN ${channel}`));
      return async () => {
        client.off("notification", handler);
        await serial(() => client.query(`UNLISTEN ${channel}`)).catch(() => undefined);
      };
    },
    onLost(handler) {
      lost = handler;
    },
    async close() {
      closing = true;
      await client.end().catch(() => undefined);
    },
  };
}

function pgSession(client: pg.PoolClient | pg.Client): SqlSession {
  return {
    async query(text, params) {
      return (await client.query(text, params)).rows;
    },
    async exec(text) {
      await client.query(text);
    },
  };
}

/** dataDir "memory://" gives a throwaway in-memory database (tests). */
export async function openEmbeddedDatabase(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => undefined : acquireEmbeddedLock(dataDir);
  let pglite: PGlite;
  try {
    // pg_trgm: the search's substring indexes (the migration creates them where the extension loads).
    pglite = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { pg_trgm } });
  } catch (error) {
    release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "embedded",
    prisma,
    raw: prisma as unknown as RawQueryable,
    sqlTransaction(fn) {
      return pglite.transaction((tx) =>
        fn({
          async query(text, params) {
            return (await tx.query(text, params)).rows as never[];
          },
          async exec(text) {
            await tx.exec(text);
          },
        }),
      );
    },
    rawTransaction: (fn, { timeout }) =>
      prisma.$transaction((tx) => fn(tx as unknown as RawQueryable), { maxWait: timeout, timeout }),
    async openSession() {
      return null;
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}
