/**
 * What every test checks of the log afterwards: per stream, versions 1..n
 * with no gap or repeat, at rising positions; the global log read in pages
 * below the read horizon equals every committed event, in the log's order
 * (transaction id, then position: docs/decisions/0001, so two independent
 * appends may come in another order than their positions); every chain verifies.
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
  const rows = await db.prisma.$queryRaw<{ stream_id: string; versions: number[]; positions: bigint[] }[]>`
    SELECT stream_id, array_agg(stream_version ORDER BY stream_version) AS versions,
      array_agg(global_position ORDER BY stream_version) AS positions
    FROM events GROUP BY stream_id`;
  let versionGaps = 0;
  let events = 0;
  let outOfOrder = 0;
  for (const { versions, positions } of rows) {
    events += versions.length;
    versions.forEach((v, i) => {
      if (v !== i + 1) versionGaps++;
    });
    positions.forEach((p, i) => {
      if (i > 0 && p <= positions[i - 1]!) outOfOrder++;
    });
  }
  const runtime = createRuntime(db);
  const all = (
    await db.prisma.$queryRaw<{ p: bigint }[]>`SELECT global_position AS p FROM events ORDER BY transaction_id, 1`
  ).map((r) => Number(r.p));
  const read: number[] = [];
  for (let after = 0; ;) {
    const page = await runtime.store.readAll({ after, limit: 1000 });
    if (page.events.length === 0) break;
    for (const e of page.events) read.push(e.position);
    after = page.events.at(-1)!.position;
  }
  const seen = new Set(read);
  const missedByReadAll = all.filter((p) => !seen.has(p)).length;
  outOfOrder += read.filter((p, i) => p !== all[i]).length;
  const verified = await runtime.store.verifyAll();
  const brokenChains = verified.problems.length;
  return { events, streams: rows.length, versionGaps, missedByReadAll, outOfOrder, brokenChains };
}

/** Events that come after a later version of their own stream in the order given (a tailing reader's). */
export function streamOrderViolations(events: readonly { streamId: string; version: number }[]): number {
  const last = new Map<string, number>();
  let violations = 0;
  for (const { streamId, version } of events) {
    if (version <= (last.get(streamId) ?? 0)) violations++;
    last.set(streamId, version);
  }
  return violations;
}
