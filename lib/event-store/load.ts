import { Prisma } from "@/lib/generated/prisma/client";
import { prepared } from "@/lib/db/raw-transaction";
import { notSuperseded } from "./effects";
import { NEW_STREAM, type StreamHead } from "./heads";
import type { EventRegistry } from "./registry";
import { type EventRow, type Queryable, readableData } from "./rows";
import type { SnapshotPolicy } from "./snapshots";
import type { RecordedEvent } from "./types";

/**
 * What a fold gets: the event's type, data (personal data resolved, upcast)
 * and place. Deciders evolve on type and data alone, and the other columns
 * (metadata, hashes, timestamps) cost several times more to read than these.
 */
export type FoldedEvent = Pick<RecordedEvent, "position" | "version" | "type" | "schemaVersion" | "data">;

type LeanRow = Pick<EventRow, "global_position" | "stream_version" | "event_type" | "schema_version" | "data">;

interface LoadRow extends Partial<LeanRow> {
  /** The row's personal-data values by reference (types that declare personal fields only). */
  personal: Record<string, string | null> | null;
  head_version: number | null;
  head_hash: string | null;
  head_recorded_at: Date | null;
  head_account: string | null;
  snapshot_version: number | null;
  snapshot_state: unknown;
}

export interface CurrentStream<S> {
  /** The stream's head (NEW_STREAM-like when it has none). */
  head: StreamHead;
  snapshot: { streamVersion: number; state: S } | null;
  /** The events after the snapshot, superseded ones left out (decision 5). */
  tail: FoldedEvent[];
}

/**
 * A stream as it is now, in one query: its head, its snapshot (when the
 * stream type keeps them, in the policy's schema version) and the events
 * after it. The snapshot's state comes on the first row only.
 */
export async function loadCurrent<S>(
  db: Queryable,
  registry: EventRegistry,
  streamId: string,
  policy: SnapshotPolicy | undefined,
): Promise<CurrentStream<S>> {
  const snapshot = policy
    ? Prisma.sql`SELECT stream_version, state FROM snapshots
                 WHERE stream_id = ${streamId} AND schema_version = ${policy.schemaVersion}`
    : Prisma.sql`SELECT NULL::integer AS stream_version, NULL::jsonb AS state WHERE false`;
  // The head's and the snapshot's columns on the first row only: repeated on every row of a long
  // tail they cost more to send and parse (a timestamp and a hash per row) than the events themselves.
  const rows = await db.$queryRaw<LoadRow[]>(prepared`
    WITH snap AS (${snapshot})
    SELECT CASE WHEN x.n = 1 THEN x.head_version END AS head_version,
      CASE WHEN x.n = 1 THEN x.head_hash END AS head_hash,
      CASE WHEN x.n = 1 THEN x.head_recorded_at END AS head_recorded_at,
      CASE WHEN x.n = 1 THEN x.head_account END AS head_account,
      CASE WHEN x.n = 1 THEN x.snapshot_version END AS snapshot_version,
      CASE WHEN x.n = 1 THEN x.snapshot_state END AS snapshot_state,
      x.global_position, x.stream_version, x.event_type, x.schema_version, x.data, x.personal
    FROM (
      SELECT h.version AS head_version, h.last_hash AS head_hash, h.updated_at AS head_recorded_at,
        h.account_id AS head_account, sn.stream_version AS snapshot_version, sn.state AS snapshot_state,
        row_number() OVER (ORDER BY t.stream_version) AS n, t.*
      FROM (SELECT 1) AS one
      LEFT JOIN streams h ON h.stream_id = ${streamId}
      LEFT JOIN snap sn ON true
      LEFT JOIN LATERAL (
        SELECT e.global_position, e.stream_version, e.event_type, e.schema_version, e.data,
          -- The personal data the event refers to, in the same query (an account's load was two statements).
          CASE WHEN e.event_type = ANY(${registry.personalTypes}::text[]) THEN (
            SELECT jsonb_object_agg(p.id::text, p.value) FROM personal_data p
            -- As an array: with IN (SELECT …) the planner expected 1,000 references and scanned the whole table.
            WHERE p.id = ANY(ARRAY(SELECT (r #>> '{}')::uuid FROM jsonb_path_query(e.data, 'strict $.**."$pd"') AS r))
          ) END AS personal
        FROM events e
        WHERE e.stream_id = ${streamId} AND e.stream_version > coalesce(sn.stream_version, 0) ${notSuperseded}
      ) t ON true
    ) x
    ORDER BY x.stream_version`);
  const first = rows[0]!;
  const head: StreamHead =
    first.head_version === null
      ? NEW_STREAM
      : {
          version: first.head_version,
          lastHash: first.head_hash,
          recordedAt: first.head_recorded_at,
          accountId: first.head_account,
        };
  const snapshotFound =
    first.snapshot_version === null
      ? null
      : { streamVersion: first.snapshot_version, state: first.snapshot_state as S };
  const eventRows = rows.filter((row) => row.global_position !== null) as LeanRow[];
  const known = new Map<string, string | null>();
  for (const row of rows) for (const [ref, value] of Object.entries(row.personal ?? {})) known.set(ref, value);
  const readable = await readableData(db, registry, eventRows, known);
  const tail = eventRows.map((row, i) => ({
    position: Number(row.global_position),
    version: row.stream_version,
    type: row.event_type,
    schemaVersion: readable[i]!.schemaVersion,
    data: readable[i]!.data,
  }));
  return { head, snapshot: snapshotFound, tail };
}
