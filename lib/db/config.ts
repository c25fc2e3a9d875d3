import path from "node:path";

/** Where the app's data lives: a PostgreSQL server, or the embedded PGlite. */
export type DbConfig =
  { kind: "server"; url: string; poolMax: number; poolTimeoutMs: number } | { kind: "embedded"; dataDir: string };

/** How long a query waits for a pooled connection (or a new one) before it fails (a 503), unless set. */
export const DEFAULT_POOL_TIMEOUT_MS = 10_000;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${env[name]}"`);
  return value;
}

/** DATABASE_URL selects a server; without it the embedded database under .data/ is used. */
export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const poolMax = positiveInteger(env, "DATABASE_POOL_MAX", 10);
    const poolTimeoutMs = positiveInteger(env, "DATABASE_POOL_TIMEOUT_MS", DEFAULT_POOL_TIMEOUT_MS);
    return { kind: "server", url, poolMax, poolTimeoutMs };
  }
  const dataDir = path.resolve(
    /*turbopackIgnore: true*/ env.LEDGERLINE_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite"),
  );
  return { kind: "embedded", dataDir };
}

/**
 * DATABASE_READ_URL: a streaming replica of the DATABASE_URL server for
 * timeline, time-travel, search and export reads (docs/scaling.md). Null
 * without one; refused beside the embedded database, which has no replicas.
 */
export function readReplicaConfig(
  env: NodeJS.ProcessEnv = process.env,
): { url: string; poolMax: number; poolTimeoutMs: number } | null {
  const url = env.DATABASE_READ_URL?.trim();
  if (!url) return null;
  const primary = readDbConfig(env);
  if (primary.kind !== "server") {
    throw new Error("DATABASE_READ_URL needs DATABASE_URL: the embedded database has no read replicas.");
  }
  return { url, poolMax: primary.poolMax, poolTimeoutMs: primary.poolTimeoutMs };
}

/**
 * DATABASE_PREPARED_STATEMENTS: "on" (the default) lets the event store's hot
 * statements be prepared once per connection (raw-transaction.ts); "off" for
 * a transaction-mode pooler that cannot keep them (PgBouncer before 1.21 or
 * without max_prepared_statements; RDS Proxy pins a connection to each
 * client that prepares).
 */
export function readPreparedStatements(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.DATABASE_PREPARED_STATEMENTS?.trim().toLowerCase() || "on";
  if (value !== "on" && value !== "off") {
    throw new Error(`DATABASE_PREPARED_STATEMENTS must be "on" or "off", got "${env.DATABASE_PREPARED_STATEMENTS}"`);
  }
  return value === "on";
}

export function describeDbConfig(config: DbConfig): string {
  if (config.kind === "embedded") return `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const u = new URL(config.url);
  return `PostgreSQL server ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
