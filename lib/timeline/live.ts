import { prepared } from "@/lib/db/raw-transaction";
import type { Database } from "@/lib/db/types";
import type { TimelineFilters } from "./filters";
import { listTimelineFacts } from "./read-model/queries";

/** What the account page's live check learns: how many events came after the newest one it shows. */
export interface NewEvents {
  /** Counted up to `cap` (more shows as `capped`). */
  count: number;
  capped: boolean;
  latestPosition: number;
}

/**
 * Events of an account after a position that the page's filters would show,
 * from the timeline read model: an index range scan on (account_id, position)
 * from near its head, cheap enough to ask every few seconds per open page.
 */
export async function newEventsAfter(
  db: Database,
  accountId: string,
  after: number,
  filters: TimelineFilters = {},
  cap = 100,
): Promise<NewEvents> {
  const { facts, more } = await listTimelineFacts(
    db,
    { accountId },
    { ...filters, cursor: undefined, afterPosition: after, limit: cap },
  );
  return { count: facts.length, capped: more, latestPosition: facts[0]?.position ?? after };
}

/** The newest event of an account the timeline has (0: none): where the live check starts. */
export async function latestTimelinePosition(db: Database, accountId: string): Promise<number> {
  const [row] = await db.raw.$queryRaw<{ position: bigint }[]>(prepared`
    SELECT position FROM rm_timeline WHERE account_id = ${accountId} ORDER BY position DESC LIMIT 1`);
  return Number(row?.position ?? 0);
}
