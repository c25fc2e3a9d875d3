import type { Queryable } from "@/lib/event-store/rows";

/** The chart's resolution and reach: 10-second buckets over the last 10 minutes. */
export const BUCKET_SECONDS = 10;
export const THROUGHPUT_MINUTES = 10;

/**
 * Counts a batch's events in its projection's current bucket, in the batch's
 * own transaction (a rolled-back batch counts nothing). The batch that opens a
 * new bucket deletes that projection's buckets older than an hour, so the
 * table stays small without a janitor.
 */
export async function recordThroughput(tx: Queryable, projection: string, events: number): Promise<void> {
  if (events <= 0) return;
  const [row] = await tx.$queryRaw<{ opened: boolean }[]>`
    INSERT INTO projection_throughput (projection, bucket, events)
    VALUES (${projection}, to_timestamp(floor(extract(epoch FROM now()) / ${BUCKET_SECONDS}) * ${BUCKET_SECONDS}), ${events})
    ON CONFLICT (projection, bucket) DO UPDATE SET events = projection_throughput.events + excluded.events
    RETURNING (xmax = 0) AS opened`;
  if (row?.opened) {
    await tx.$executeRaw`
      DELETE FROM projection_throughput WHERE projection = ${projection} AND bucket < now() - interval '1 hour'`;
  }
}

export interface ThroughputPoint {
  /** The bucket's start (ISO). */
  at: string;
  events: number;
  /** Events per second over the bucket. */
  perSecond: number;
}

/** Per projection, one point per bucket of the last minutes, oldest first, with empty buckets as zeros. */
export async function readThroughput(
  db: Queryable,
  projections: readonly string[],
  minutes = THROUGHPUT_MINUTES,
): Promise<Record<string, ThroughputPoint[]>> {
  const rows = await db.$queryRaw<{ projection: string; bucket: Date; events: number }[]>`
    SELECT projection, bucket, events FROM projection_throughput
    WHERE bucket > now() - make_interval(mins => ${minutes}::int) AND projection = ANY(${[...projections]}::text[])`;
  const [clock] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const step = BUCKET_SECONDS * 1000;
  const last = Math.floor((clock?.now ?? new Date()).getTime() / step) * step;
  const count = (minutes * 60) / BUCKET_SECONDS;
  const byKey = new Map(rows.map((r) => [`${r.projection}|${r.bucket.getTime()}`, r.events]));
  const series: Record<string, ThroughputPoint[]> = {};
  for (const name of projections) {
    series[name] = Array.from({ length: count }, (_, i) => {
      const at = last - (count - 1 - i) * step;
      const events = byKey.get(`${name}|${at}`) ?? 0;
      return { at: new Date(at).toISOString(), events, perSecond: Math.round((events / BUCKET_SECONDS) * 10) / 10 };
    });
  }
  return series;
}
