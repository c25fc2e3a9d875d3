/**
 * A fingerprint of everything stored: per table, its row count and a hash of
 * its rows' contents. Taken before and after a request, it shows whether the
 * request wrote anything at all (an inserted, updated or deleted row).
 *
 * One exception is by design: a command with an Idempotency-Key refused by a
 * business rule (422) or for a missing target (404) stores that refusal, so a
 * repeat gets the same answer (docs/api.md). Those rows are kept apart.
 */
import type pg from "pg";
import type { Cluster } from "./cluster";

export const STORED_REJECTIONS = "idempotency_keys (stored rejections)";

export type Fingerprint = Map<string, string>;

export async function fingerprintQuery(cluster: Cluster, database: string): Promise<string> {
  const tables = await cluster.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    [],
    database,
  );
  const part = (label: string, table: string, where = "") =>
    `SELECT '${label}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS f
     FROM "${table}" x ${where}`;
  const parts = tables.map(({ name }) =>
    name === "idempotency_keys"
      ? `${part(name, name, "WHERE NOT (x.result ? 'rejected')")} UNION ALL ${part(STORED_REJECTIONS, name, "WHERE x.result ? 'rejected'")}`
      : part(name, name),
  );
  return parts.join(" UNION ALL ");
}

export async function fingerprint(client: pg.Client, query: string): Promise<Fingerprint> {
  const rows = (await client.query<{ t: string; f: string }>(query)).rows;
  return new Map(rows.map((r) => [r.t, r.f]));
}

/** The tables whose contents differ. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}
