/**
 * What every test checks of the log afterwards: per stream, versions 1..n
 * with no gap or repeat; the global log read in pages below the read horizon
 * holds every committed event once, each stream's in version order (the log's
 * order is the writing transactions' order, decision 0001, so positions of
 * different streams may interleave out of numeric order); every chain verifies.
 */
import type { Database } from "@/lib/db/types";
import { createRuntime } from "@/lib/server/runtime";

export interface LogCheck {
  events: number;
  streams: number;
  versionGaps: number;
  missedByReadAll: number;
  outOfOrder: number;
  brokenChains: number;
}

export async function checkLog(db: Database): Promise<LogCheck> {
  const rows = await db.prisma.$queryRaw<{ stream_id: string; versions: number[] }[]>`
    SELECT stream_id, array_agg(stream_version ORDER BY stream_version) AS versions FROM events GROUP BY stream_id`;
  let versionGaps = 0;
  let events = 0;
  for (const { versions } of rows) {
    events += versions.length;
    versions.forEach((v, i) => {
      if (v !== i + 1) versionGaps++;
    });
  }
  const runtime = createRuntime(db);
  const all = (await db.prisma.$queryRaw<{ p: bigint }[]>`SELECT global_position AS p FROM events ORDER BY 1`).map(
    (r) => Number(r.p),
  );
  const read: { position: number; streamId: string; version: number }[] = [];
  for (let after = 0; ;) {
    const page = await runtime.store.readAll({ after, limit: 1000 });
    if (page.events.length === 0) break;
    read.push(...page.events);
    after = page.events.at(-1)!.position;
  }
  const seen = new Set(read.map((e) => e.position));
  const missedByReadAll = all.filter((p) => !seen.has(p)).length + (read.length - seen.size);
  const outOfOrder = streamOrderViolations(read);
  const verified = await runtime.store.verifyAll();
  const brokenChains = verified.problems.length;
  return { events, streams: rows.length, versionGaps, missedByReadAll, outOfOrder, brokenChains };
}

/** Events that come after a later version of their own stream in the order given. */
export function streamOrderViolations(events: readonly { streamId: string; version: number }[]): number {
  const last = new Map<string, number>();
  let violations = 0;
  for (const { streamId, version } of events) {
    if (version <= (last.get(streamId) ?? 0)) violations++;
    last.set(streamId, version);
  }
  return violations;
}
