import type { Queryable } from "@/lib/event-store/rows";
import { hasProjected } from "@/lib/projections/read-after-write";
import type { Runtime } from "./runtime";

/**
 * Read replicas (DATABASE_READ_URL, docs/scaling.md): timeline, time-travel,
 * search and export reads go to a streaming replica; commands, projections
 * and read-after-write checks use the primary. A reader who just wrote (a
 * command's position: the API's waitFor, the pages' last-write cookie) reads
 * the replica once it has replayed that write, waiting at most a second, and
 * the primary otherwise; a replica that cannot be reached sends reads to the
 * primary too.
 */
export type ReadSource = "primary" | "replica";

export interface Reader {
  runtime: Runtime;
  source: ReadSource;
}

export interface ReaderOptions {
  /** The reader's own last write: the replica must have it (and `projection` applied it, when named). */
  position?: number;
  projection?: string;
  waitMs?: number;
  intervalMs?: number;
}

async function replicaHas(db: Queryable, position: number, projection?: string): Promise<boolean> {
  if (projection) return hasProjected(db, projection, position);
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM events WHERE global_position = ${position}`;
  return rows.length > 0;
}

let warned = false;
// A replica's reachability, checked at most once a second: a read without a position of its own goes to it.
const checked = new WeakMap<Queryable, { at: number; ok: boolean }>();

async function reachable(db: Queryable): Promise<boolean> {
  const last = checked.get(db);
  if (last && Date.now() - last.at < 1000) return last.ok;
  const ok = await db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  checked.set(db, { at: Date.now(), ok });
  return ok;
}

export async function chooseReader(
  primary: Runtime,
  replica: Runtime | null,
  { position, projection, waitMs = 1000, intervalMs = 25 }: ReaderOptions = {},
): Promise<Reader> {
  if (!replica) return { runtime: primary, source: "primary" };
  try {
    if (position === undefined) {
      if (await reachable(replica.db.raw)) return { runtime: replica, source: "replica" };
      throw new Error("the replica did not answer SELECT 1");
    }
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (await replicaHas(replica.db.raw, position, projection)) return { runtime: replica, source: "replica" };
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  } catch (error) {
    if (!warned) console.error("[ledgerline] the read replica cannot be read; reading the primary:", error);
    warned = true;
  }
  return { runtime: primary, source: "primary" };
}

/** The response header that says where a read was answered from. */
export const READ_SOURCE_HEADER = "x-ledgerline-read-from";
