import { type ChainProblem, verifyChain } from "./hash-chain";
import { EVENT_COLUMNS, type EventRow, type Queryable, toChainRow } from "./rows";

export interface ChunkReport {
  /** The last stream checked: the next chunk starts after it (null when there was none). */
  lastStreamId: string | null;
  streamsChecked: number;
  eventsChecked: number;
  problems: ChainProblem[];
}

/** How many streams a whole-log verification walks (its progress bar's total). */
export async function countStreams(db: Queryable): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM streams`;
  return Number(row?.n ?? 0);
}

/**
 * Verifies the next `limit` streams after `after` (in stream id order) against
 * their heads: the whole log in chunks a caller can report progress on. A
 * stream whose every event is gone is found too, since the walk goes by the
 * heads. Events appended meanwhile to a checked stream wait for the next run.
 */
export async function verifyStreamsAfter(db: Queryable, after: string | null, limit: number): Promise<ChunkReport> {
  const heads = await db.$queryRaw<{ stream_id: string; version: number; last_hash: string | null }[]>`
    SELECT stream_id, version, last_hash FROM streams
    WHERE ${after}::text IS NULL OR stream_id > ${after}::text
    ORDER BY stream_id LIMIT ${limit}`;
  if (heads.length === 0) return { lastStreamId: null, streamsChecked: 0, eventsChecked: 0, problems: [] };
  const ids = heads.map((h) => h.stream_id);
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = ANY(${ids}::text[])
    ORDER BY e.stream_id, e.stream_version`;
  const byStream = new Map<string, ReturnType<typeof toChainRow>[]>();
  for (const raw of rows) {
    const row = toChainRow(raw);
    const list = byStream.get(row.streamId) ?? [];
    list.push(row);
    byStream.set(row.streamId, list);
  }
  const problems: ChainProblem[] = [];
  for (const head of heads) {
    const chain = byStream.get(head.stream_id) ?? [];
    problems.push(...verifyChain(head.stream_id, chain, { version: head.version, lastHash: head.last_hash }));
  }
  return { lastStreamId: ids.at(-1)!, streamsChecked: heads.length, eventsChecked: rows.length, problems };
}
