/**
 * What a request could have written: every table a command, an operation, a
 * verification or a session could touch, counted (the events also by their
 * newest position, the tokens by how many are revoked, the projections by
 * status). The read models are left out: the projector rewrites them from
 * the events in the background, so the events say it all.
 */
import type { Database } from "@/lib/db/types";

export type Marks = Record<string, string>;

const COUNTED = [
  "streams",
  "idempotency_keys",
  "superseded_events",
  "personal_data",
  "request_replays",
  "snapshots",
  "history_snapshots",
  "projection_skips",
  "verification_runs",
] as const;

export async function writeMarks(db: Database): Promise<Marks> {
  const counts = COUNTED.map((t) => `(SELECT count(*) FROM ${t})::text AS ${t}`).join(", ");
  const [row] = await db.prisma.$queryRawUnsafe<Marks[]>(`
    SELECT ${counts},
      (SELECT count(*) || '@' || coalesce(max(global_position), 0) FROM events) AS events,
      (SELECT count(*) || '/' || count(revoked_at) FROM api_tokens) AS api_tokens,
      (SELECT string_agg(name || ':' || status, ',' ORDER BY name) FROM projection_checkpoints) AS projections`);
  return row!;
}

/** The tables whose marks moved. */
export function moved(before: Marks, after: Marks): string[] {
  return Object.keys(after).filter((table) => before[table] !== after[table]);
}

/**
 * Waits until what allowed requests started in the background is over
 * (reconciliation runs, chain verifications, projection rebuilds), so their
 * late writes are not taken for a refused request's.
 */
export async function settle(db: Database, baseUrl: string, adminToken: string): Promise<void> {
  const headers = { authorization: `Bearer ${adminToken}` };
  for (let attempt = 0; ; attempt++) {
    const [runs] = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM verification_runs WHERE status = 'running'`;
    const jobs = (await (await fetch(`${baseUrl}/api/integrity/verifications`, { headers })).json()) as {
      status: string;
    }[];
    const projections = (await (await fetch(`${baseUrl}/api/projections`, { headers })).json()) as { status: string }[];
    // "stale": a rebuild is requested and about to start.
    const rebuilding = projections.filter((p) => p.status === "rebuilding" || p.status === "stale").length;
    const busy = Number(runs!.n) + jobs.filter((j) => j.status === "running").length + rebuilding;
    if (busy === 0) return;
    if (attempt > 600) throw new Error(`background work did not finish: ${busy} still running`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
