import { Prisma } from "@/lib/generated/prisma/client";
import { type ChainProblem, type StoredChainRow, verifyChain } from "./hash-chain";
import { EVENT_COLUMNS, type EventRow, type Queryable, toChainRow } from "./rows";

export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  problems: ChainProblem[];
}

async function streamHeads(db: Queryable, streamIds: string[]) {
  const heads = await db.$queryRaw<{ stream_id: string; version: number; last_hash: string | null }[]>`
    SELECT stream_id, version, last_hash FROM streams WHERE stream_id = ANY(${streamIds}::text[])`;
  return new Map(heads.map((h) => [h.stream_id, { version: h.version, lastHash: h.last_hash }]));
}

export async function verifyStream(db: Queryable, streamId: string): Promise<VerificationReport> {
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = ${streamId} ORDER BY e.stream_version`;
  const heads = await streamHeads(db, [streamId]);
  const problems = verifyChain(streamId, rows.map(toChainRow), heads.get(streamId) ?? null);
  return { ok: problems.length === 0, streamsChecked: 1, eventsChecked: rows.length, problems };
}

/**
 * Walks the whole log stream by stream, in pages, so memory stays flat. Also
 * finds streams whose every event is gone (the head row remains).
 */
export async function verifyAll(db: Queryable, pageSize = 2000): Promise<VerificationReport> {
  const problems: ChainProblem[] = [];
  let eventsChecked = 0;
  let streamsChecked = 0;
  let cursor: { streamId: string; version: number } | null = null;
  // The last stream of a page may continue on the next one.
  let open: { streamId: string; rows: StoredChainRow[] } | null = null;

  const check = async (streams: { streamId: string; rows: StoredChainRow[] }[]) => {
    if (streams.length === 0) return;
    const heads = await streamHeads(
      db,
      streams.map((s) => s.streamId),
    );
    for (const { streamId, rows } of streams) {
      problems.push(...verifyChain(streamId, rows, heads.get(streamId) ?? null));
    }
    streamsChecked += streams.length;
  };

  for (;;) {
    const after: Prisma.Sql = cursor
      ? Prisma.sql`WHERE (e.stream_id, e.stream_version) > (${cursor.streamId}, ${cursor.version})`
      : Prisma.empty;
    const page = await db.$queryRaw<EventRow[]>`
      SELECT ${EVENT_COLUMNS} FROM events e ${after}
      ORDER BY e.stream_id, e.stream_version LIMIT ${pageSize}`;
    const complete: { streamId: string; rows: StoredChainRow[] }[] = [];
    for (const raw of page) {
      const row = toChainRow(raw);
      if (open && open.streamId !== row.streamId) {
        complete.push(open);
        open = null;
      }
      open ??= { streamId: row.streamId, rows: [] };
      open.rows.push(row);
      eventsChecked++;
    }
    await check(complete);
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    cursor = { streamId: last.stream_id, version: last.stream_version };
  }
  if (open) await check([open]);

  const emptied = await db.$queryRaw<{ stream_id: string; version: number; last_hash: string | null }[]>`
    SELECT s.stream_id, s.version, s.last_hash FROM streams s
    WHERE s.version > 0 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id)`;
  for (const stream of emptied) {
    problems.push(...verifyChain(stream.stream_id, [], { version: stream.version, lastHash: stream.last_hash }));
    streamsChecked++;
  }
  return { ok: problems.length === 0, streamsChecked, eventsChecked, problems };
}
