import { Prisma } from "@/lib/generated/prisma/client";
import type { Queryable } from "@/lib/event-store/rows";

/**
 * An md5 over a table's rows as JSON, in a fixed order: equal checksums mean
 * equal contents. Read models are deterministic (everything comes from
 * events), so a healthy read model has the checksum of a clean rebuild.
 */
export async function tableChecksum(db: Queryable, table: string): Promise<{ rows: number; md5: string }> {
  if (!/^[a-z0-9_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const [row] = await db.$queryRaw<{ rows: bigint; md5: string | null }[]>`
    SELECT count(*) AS rows,
      md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY row_to_json(t)::text), '')) AS md5
    FROM ${Prisma.raw(`"${table}"`)} t`;
  return { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? "" };
}
