import { readDbConfig } from "./config";
import { openDatabase } from "./open";
import type { Database } from "./types";

// One database per process. Next bundles route handlers and instrumentation
// separately, so module state is not shared: the handle lives on globalThis
// (PGlite in particular must be opened exactly once).
const holder = globalThis as unknown as { __ledgerlineDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__ledgerlineDb ??= openDatabase(readDbConfig()).catch((error: unknown) => {
    holder.__ledgerlineDb = undefined;
    throw error;
  });
  return holder.__ledgerlineDb;
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__ledgerlineDb;
  holder.__ledgerlineDb = undefined;
  if (pending) await (await pending).close();
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
