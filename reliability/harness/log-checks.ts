/**
 * What every test checks of the log afterwards: per stream, versions 1..n
 * with no gap or repeat; the global log read in pages below the read horizon
 * equals every committed event, in position order; every chain verifies.
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
  const all = (await db.prisma.$queryRaw<{ p: bigint }[]>`SELECT global_position AS p FROM events ORDER BY 1`).map((r) =>
    Number(r.p),
  );
  const read: number[] = [];
  for (let after = 0; ; ) {
    const page = await runtime.store.readAll({ after, limit: 1000 });
    if (page.events.length === 0) break;
    for (const e of page.events) read.push(e.position);
    after = page.events.at(-1)!.position;
  }
  const seen = new Set(read);
  const missedByReadAll = all.filter((p) => !seen.has(p)).length;
  const outOfOrder = read.filter((p, i) => i > 0 && p <= read[i - 1]!).length;
  const verified = await runtime.store.verifyAll();
  const brokenChains = verified.problems.length;
  return { events, streams: rows.length, versionGaps, missedByReadAll, outOfOrder, brokenChains };
}
