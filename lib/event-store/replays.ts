import type { Actor } from "./metadata";
import type { Queryable } from "./rows";
import type { AppendResult } from "./types";

/** A repeat of an idempotent request, answered from the first request's stored result. */
export interface ReplayRecord {
  /** The caller-scoped key, as in idempotency_keys. */
  idempotencyKey: string;
  requestId: string;
  source: string;
  actor: Actor;
}

export interface Replay extends ReplayRecord {
  accountId: string;
  streamId: string;
  firstPosition: number;
  lastPosition: number;
  replayedAt: Date;
}

/** Puts a replay on record against the events the first request appended. */
export async function recordReplay(db: Queryable, earlier: AppendResult, replay: ReplayRecord): Promise<void> {
  const first = Math.min(...earlier.events.map((e) => e.position));
  await db.$executeRaw`
    INSERT INTO request_replays (idempotency_key, account_id, stream_id, first_position, last_position, request_id,
                                 source, actor)
    VALUES (${replay.idempotencyKey}, ${earlier.accountId}, ${earlier.streamId}, ${first}, ${earlier.position},
            ${replay.requestId}, ${replay.source}, ${JSON.stringify(replay.actor)}::jsonb)`;
}

type ReplayRow = {
  idempotency_key: string;
  account_id: string;
  stream_id: string;
  first_position: bigint;
  last_position: bigint;
  request_id: string;
  source: string;
  actor: Actor;
  replayed_at: Date;
};

const toReplay = (row: ReplayRow): Replay => ({
  idempotencyKey: row.idempotency_key,
  accountId: row.account_id,
  streamId: row.stream_id,
  firstPosition: Number(row.first_position),
  lastPosition: Number(row.last_position),
  requestId: row.request_id,
  source: row.source,
  actor: row.actor,
  replayedAt: row.replayed_at,
});

/** An account's replays of appends that overlap positions low..high, oldest first. */
export async function readReplays(db: Queryable, accountId: string, low: number, high: number): Promise<Replay[]> {
  const rows = await db.$queryRaw<ReplayRow[]>`
    SELECT idempotency_key, account_id, stream_id, first_position, last_position, request_id, source, actor,
           replayed_at
    FROM request_replays
    WHERE account_id = ${accountId} AND last_position >= ${low} AND first_position <= ${high}
    ORDER BY replayed_at, id`;
  return rows.map(toReplay);
}

/** The replay a request id names, if that request was answered from an earlier result. */
export async function readReplayByRequest(db: Queryable, requestId: string): Promise<Replay | null> {
  const [row] = await db.$queryRaw<ReplayRow[]>`
    SELECT idempotency_key, account_id, stream_id, first_position, last_position, request_id, source, actor,
           replayed_at
    FROM request_replays WHERE request_id = ${requestId} ORDER BY id LIMIT 1`;
  return row ? toReplay(row) : null;
}
