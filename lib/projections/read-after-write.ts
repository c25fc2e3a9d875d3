import { prepared } from "@/lib/db/raw-transaction";
import type { Queryable } from "@/lib/event-store/rows";
import { Prisma } from "@/lib/generated/prisma/client";

/** True when the projection's checkpoint is at or past the event at `position` in the global log's order. */
export async function hasProjected(db: Queryable, name: string, position: number): Promise<boolean> {
  const [row] = await db.$queryRaw<{ done: boolean | null }[]>`
    SELECT (SELECT (transaction_id, global_position) FROM events WHERE global_position = ${position})
        <= (SELECT (e.transaction_id, e.global_position) FROM events e, projection_checkpoints c
            WHERE c.name = ${name} AND e.global_position = c.position) AS done`;
  return row?.done === true;
}

/**
 * Read-after-write: waits (briefly, bounded) until a projection has applied
 * the event at `position` (a command result's position), so a person who just
 * acted sees the effect. False when it did not get there in time.
 */
export async function waitForProjection(
  db: Queryable,
  name: string,
  position: number,
  { timeoutMs = 3000, intervalMs = 50 } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await hasProjected(db, name, position)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// Events past the projection's checkpoint in the global log's order (all of them before its first batch).
// Every such event lies at or above the lowest position in the log's tail past the checkpoint, so the
// count reads only that tail of the account or stream through its position index, not its whole history.
// Prepared (through db.raw): planning it cost more than running it.
async function unprojected(db: Queryable, name: string, which: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>(prepared`
    WITH cp AS (
      SELECT ce.transaction_id AS tx, ce.global_position AS pos
      FROM events ce JOIN projection_checkpoints c ON ce.global_position = c.position
      WHERE c.name = ${name} AND c.position > 0),
    bound AS (
      SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM cp) THEN 0
        ELSE coalesce(
          (SELECT min(t.global_position) FROM events t, cp WHERE (t.transaction_id, t.global_position) > (cp.tx, cp.pos)),
          9223372036854775807) END AS lo)
    SELECT count(*) AS n FROM events e
    WHERE ${which} AND e.global_position >= (SELECT lo FROM bound)
      AND (NOT EXISTS (SELECT 1 FROM cp) OR (e.transaction_id, e.global_position) > (SELECT tx, pos FROM cp))`);
  return Number(row?.n ?? 0);
}

/** How many of an account's events a projection has not applied yet ("k events not yet projected"). */
export const unprojectedForAccount = (db: Queryable, name: string, accountId: string) =>
  unprojected(db, name, Prisma.sql`e.account_id = ${accountId}`);

/** How many of one stream's events a projection has not applied yet (an invoice's or a lead's page). */
export const unprojectedForStream = (db: Queryable, name: string, streamId: string) =>
  unprojected(db, name, Prisma.sql`e.stream_id = ${streamId}`);
