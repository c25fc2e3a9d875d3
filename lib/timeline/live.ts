import type { Database } from "@/lib/db/types";

/** What the account page's live check learns: how many events came after the newest one it shows. */
export interface NewEvents {
  /** Counted up to `cap` (more shows as `capped`). */
  count: number;
  capped: boolean;
  latestPosition: number;
}

/**
 * Events of an account after a position, from the timeline read model: an
 * index range scan on (account_id, position), cheap enough to ask every few
 * seconds per open page.
 */
export async function newEventsAfter(db: Database, accountId: string, after: number, cap = 100): Promise<NewEvents> {
  const rows = await db.prisma.rmTimeline.findMany({
    where: { accountId, position: { gt: after } },
    select: { position: true },
    orderBy: { position: "desc" },
    take: cap + 1,
  });
  return {
    count: Math.min(rows.length, cap),
    capped: rows.length > cap,
    latestPosition: rows.length > 0 ? Number(rows[0]!.position) : after,
  };
}

/** The newest event of an account the timeline has (0: none): where the live check starts. */
export async function latestTimelinePosition(db: Database, accountId: string): Promise<number> {
  const row = await db.prisma.rmTimeline.findFirst({
    where: { accountId },
    select: { position: true },
    orderBy: { position: "desc" },
  });
  return Number(row?.position ?? 0);
}
