import { readDbConfig, readReplicaConfig } from "./config";
import { openDatabase, openServerDatabase } from "./open";
import type { Database } from "./types";

// One database per process. Next bundles route handlers and instrumentation
// separately, so module state is not shared: the handle lives on globalThis
// (PGlite in particular must be opened exactly once).
const holder = globalThis as unknown as { __ledgerlineDb?: Promise<Database>; __ledgerlineReplica?: Database };

export function getDatabase(): Promise<Database> {
  holder.__ledgerlineDb ??= openDatabase(readDbConfig()).catch((error: unknown) => {
    holder.__ledgerlineDb = undefined;
    throw error;
  });
  return holder.__ledgerlineDb;
}

/** The read replica's database (DATABASE_READ_URL), or null when none is configured. */
export function getReplicaDatabase(): Database | null {
  const config = readReplicaConfig();
  if (!config) return null;
  holder.__ledgerlineReplica ??= openServerDatabase(config.url, config.poolMax, config.poolTimeoutMs);
  return holder.__ledgerlineReplica;
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__ledgerlineDb;
  const replica = holder.__ledgerlineReplica;
  holder.__ledgerlineDb = undefined;
  holder.__ledgerlineReplica = undefined;
  if (pending) await (await pending).close();
  await replica?.close();
}

/** True when the process's database answers a trivial query. */
export async function databaseIsReachable(): Promise<boolean> {
  try {
    await (
      await getDatabase()
    ).prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
