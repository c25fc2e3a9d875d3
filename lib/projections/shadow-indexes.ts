import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Queryable } from "@/lib/event-store/rows";

const ident = (name: string) => Prisma.raw(`"${name}"`);

interface IndexRow {
  name: string;
  def: string;
  is_unique: boolean;
  constraint_name: string | null;
  /** A plain index whose first column is account_id (the per-account rebuild's DELETE uses it). */
  by_account: boolean;
  columns: number;
}

/** A table's indexes as pg_get_indexdef spells them. */
function indexesOf(db: Queryable, table: string) {
  return db.$queryRaw<IndexRow[]>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, x.indisunique AS is_unique, c.conname AS constraint_name,
      (x.indpred IS NULL AND x.indkey[0] = a.attnum) AS by_account, x.indnatts::int AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
      LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attname = 'account_id'
    WHERE x.indrelid = ${table}::regclass
    ORDER BY i.relname`;
}

/** What the shadow needs while it fills: unique indexes (upserts, loads), and one by account_id unless one of those is. */
function neededWhileFilling(indexes: readonly IndexRow[]): IndexRow[] {
  const unique = indexes.filter((i) => i.is_unique);
  if (unique.some((i) => i.by_account)) return unique;
  const byAccount = indexes.filter((i) => i.by_account).sort((a, b) => a.columns - b.columns)[0];
  return byAccount ? [...unique, byAccount] : unique;
}

/** The index's definition (pg_get_indexdef: "CREATE INDEX i ON public.t USING ...") on another table and name. */
function retarget(def: string, name: string, table: string): Prisma.Sql {
  const match = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ (USING .+)$/.exec(def);
  if (!match) throw new Error(`unexpected index definition: ${def}`);
  return Prisma.raw(`CREATE ${match[1] ?? ""}INDEX IF NOT EXISTS "${name}" ON "${table}" ${match[2]}`);
}

/** The shadow's name for a live index (a name of at most 63 bytes; the same every time, for the rename back). */
const shadowName = (name: string, suffix: string) => {
  if (name.length + suffix.length <= 63) return name + suffix;
  const hash = createHash("md5").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, 63 - suffix.length - 9)}_${hash}${suffix}`;
};

/**
 * Creates a shadow copy of a table with its columns, defaults and checks, and
 * only the indexes a rebuild's batches use: unique ones (the primary key, for
 * upserts and loads) and one by account (a supersession or an erasure deletes
 * an account's rows). The others are built once the shadow is filled
 * (buildShadowIndexes), much cheaper than keeping them up row by row.
 */
export async function createShadowTable(tx: Queryable, table: string, suffix: string) {
  const shadow = table + suffix;
  await tx.$executeRaw`DROP TABLE IF EXISTS ${ident(shadow)}`;
  await tx.$executeRaw`CREATE TABLE ${ident(shadow)} (LIKE ${ident(table)} INCLUDING ALL EXCLUDING INDEXES)`;
  for (const index of neededWhileFilling(await indexesOf(tx, table))) {
    const name = shadowName(index.constraint_name ?? index.name, suffix);
    if (index.constraint_name) {
      const [constraint] = await tx.$queryRaw<{ def: string }[]>`
        SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = ${table}::regclass AND conname = ${index.constraint_name}`;
      await tx.$executeRaw`ALTER TABLE ${ident(shadow)} ADD CONSTRAINT ${ident(name)} ${Prisma.raw(constraint!.def)}`;
    } else {
      await tx.$executeRaw`${retarget(index.def, name, shadow)}`;
    }
  }
}

/** Builds the live table's other indexes on the filled shadow (idempotent: a resumed rebuild skips built ones). */
export async function buildShadowIndexes(tx: Queryable, table: string, suffix: string) {
  // (IF NOT EXISTS: those the shadow was made with are there already.)
  for (const index of await indexesOf(tx, table)) {
    if (index.constraint_name) continue;
    await tx.$executeRaw`${retarget(index.def, shadowName(index.name, suffix), table + suffix)}`;
  }
}

/** The live table's index (and constraint) names, by the names their shadow copies have. */
export async function liveIndexNames(tx: Queryable, table: string, suffix: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const index of await indexesOf(tx, table)) {
    const name = index.constraint_name ?? index.name;
    names.set(shadowName(name, suffix), name);
  }
  return names;
}

/** After the swap: the (former shadow) table's indexes and constraints get the names the live ones had. */
export async function renameShadowIndexes(tx: Queryable, table: string, names: Map<string, string>) {
  for (const index of await indexesOf(tx, table)) {
    const live = names.get(index.name);
    // Renaming a constraint's index renames the constraint too.
    if (live) await tx.$executeRaw`ALTER INDEX ${ident(index.name)} RENAME TO ${ident(live)}`;
  }
}
