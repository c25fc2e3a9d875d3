import path from "node:path";

/** Where the app's data lives: a PostgreSQL server, or the embedded PGlite. */
export type DbConfig = { kind: "server"; url: string; poolMax: number } | { kind: "embedded"; dataDir: string };

/** DATABASE_URL selects a server; without it the embedded database under .data/ is used. */
export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const poolMax = Number(env.DATABASE_POOL_MAX ?? 10);
    if (!Number.isInteger(poolMax) || poolMax < 1) {
      throw new Error(`DATABASE_POOL_MAX must be a positive integer, got "${env.DATABASE_POOL_MAX}"`);
    }
    return { kind: "server", url, poolMax };
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
export function readReplicaConfig(env: NodeJS.ProcessEnv = process.env): { url: string; poolMax: number } | null {
  const url = env.DATABASE_READ_URL?.trim();
  if (!url) return null;
  const primary = readDbConfig(env);
  if (primary.kind !== "server") {
    throw new Error("DATABASE_READ_URL needs DATABASE_URL: the embedded database has no read replicas.");
  }
  return { url, poolMax: primary.poolMax };
}

export function describeDbConfig(config: DbConfig): string {
  if (config.kind === "embedded") return `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const u = new URL(config.url);
  return `PostgreSQL server ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
