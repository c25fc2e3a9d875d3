import type { Queryable } from "./rows";

import type { SnapshotPolicy } from "@/lib/domain/shared/event-definition";

export type { SnapshotPolicy };

export interface StoredSnapshot<S> {
  streamVersion: number;
  state: S;
}

/** The stream's snapshot, unless it was taken in another schema version (then it is ignored). */
export async function loadSnapshot<S>(
  db: Queryable,
  streamId: string,
  policy: SnapshotPolicy,
): Promise<StoredSnapshot<S> | null> {
  const [row] = await db.$queryRaw<{ stream_version: number; schema_version: number; state: S }[]>`
    SELECT stream_version, schema_version, state FROM snapshots WHERE stream_id = ${streamId}`;
  if (!row || row.schema_version !== policy.schemaVersion) return null;
  return { streamVersion: row.stream_version, state: row.state };
}

/**
 * Keeps the newest snapshot; an older or equal one never replaces it. Nor is
 * one kept that a supersession committed after its fold read the stream may
 * have outdated: its EventSuperseded (same stream) lies beyond the snapshot's version.
 */
export async function saveSnapshot<S>(
  db: Queryable,
  streamId: string,
  streamType: string,
  policy: SnapshotPolicy,
  streamVersion: number,
  state: S,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO snapshots (stream_id, stream_type, stream_version, schema_version, state)
    SELECT ${streamId}, ${streamType}, ${streamVersion}, ${policy.schemaVersion}, ${JSON.stringify(state)}::jsonb
    WHERE NOT EXISTS (
      SELECT 1 FROM superseded_events x JOIN events se ON se.global_position = x.superseded_by
      WHERE x.stream_id = ${streamId} AND x.stream_version <= ${streamVersion} AND se.stream_version > ${streamVersion})
    ON CONFLICT (stream_id) DO UPDATE
      SET stream_version = EXCLUDED.stream_version, schema_version = EXCLUDED.schema_version,
          state = EXCLUDED.state, created_at = now()
    WHERE snapshots.stream_version < EXCLUDED.stream_version
       OR snapshots.schema_version <> EXCLUDED.schema_version`;
}
