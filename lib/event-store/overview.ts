import type { Database } from "@/lib/db/types";
import { readHorizon, type ReadHorizon } from "./horizon";

export interface StoreOverview {
  databaseKind: Database["kind"];
  events: number;
  streams: number;
  accounts: number;
  horizon: ReadHorizon;
}

/** Counts and the read horizon, for the overview and health pages. */
export async function readStoreOverview(db: Database): Promise<StoreOverview> {
  const [counts] = await db.prisma.$queryRaw<{ streams: bigint; accounts: bigint }[]>`
    SELECT count(*) AS streams, count(DISTINCT account_id) AS accounts FROM streams WHERE version > 0`;
  const horizon = await readHorizon(db.prisma);
  return {
    databaseKind: db.kind,
    events: horizon.headPosition === 0 ? 0 : await db.prisma.event.count(),
    streams: Number(counts?.streams ?? 0),
    accounts: Number(counts?.accounts ?? 0),
    horizon,
  };
}
