import type { Queryable } from "./rows";

export interface SupersedeTargetRow {
  position: number;
  eventId: string;
  type: string;
  streamId: string;
  streamType: string;
  version: number;
  accountId: string;
  supersededBy: { position: number; at: string } | null;
}

export async function readSupersedeTarget(db: Queryable, position: number): Promise<SupersedeTargetRow | null> {
  const [row] = await db.$queryRaw<
    {
      event_id: string;
      event_type: string;
      stream_id: string;
      stream_type: string;
      stream_version: number;
      account_id: string;
      superseded_by: bigint | null;
      superseded_at: Date | null;
    }[]
  >`
    SELECT e.event_id::text AS event_id, e.event_type, e.stream_id, e.stream_type, e.stream_version, e.account_id,
           s.superseded_by, s.superseded_at
    FROM events e LEFT JOIN superseded_events s ON s.position = e.global_position
    WHERE e.global_position = ${position}::bigint`;
  if (!row) return null;
  return {
    position,
    eventId: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: row.stream_version,
    accountId: row.account_id,
    supersededBy:
      row.superseded_by === null ? null : { position: Number(row.superseded_by), at: row.superseded_at!.toISOString() },
  };
}

/** position → the position of the EventSuperseded that names it, for the superseded ones among `positions`. */
export async function readSupersessions(db: Queryable, positions: readonly number[]): Promise<Map<number, number>> {
  if (positions.length === 0) return new Map();
  const rows = await db.$queryRaw<{ position: bigint; superseded_by: bigint }[]>`
    SELECT position, superseded_by FROM superseded_events WHERE position = ANY(${positions.map(BigInt)}::bigint[])`;
  return new Map(rows.map((row) => [Number(row.position), Number(row.superseded_by)]));
}
