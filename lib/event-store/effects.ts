import { Prisma } from "@/lib/generated/prisma/client";
import { EventValidationError } from "./errors";
import type { EventDefinition } from "./registry";
import type { Prepared } from "./prepare-append";
import type { Queryable } from "./rows";
import type { AppendResult } from "./types";

/** An appended event whose definition has an effect beside the log (EventDefinition.effect). */
export interface EffectEvent {
  definition: EventDefinition;
  data: Record<string, unknown>;
  position: number;
  recordedAt: Date;
}

/** Runs the appended events' effects inside the append's transaction: they commit with the events or not at all. */
export async function applyEffects(
  tx: Queryable,
  streamId: string,
  accountId: string,
  events: readonly EffectEvent[],
): Promise<void> {
  for (const event of events) {
    if (event.definition.effect === "supersede") await supersede(tx, streamId, event);
    if (event.definition.effect === "erase-personal-data") await erasePersonalDataIn(tx, accountId);
  }
}

/**
 * Runs a written append's effects (none when its events carry none), with
 * the positions its result gave them: a supersession names its own position.
 */
export async function applyAppendEffects(
  tx: Queryable,
  streamId: string,
  { prepared, metadata }: Prepared,
  result: AppendResult,
  recordedAt: Date,
): Promise<void> {
  const effects = prepared.filter((event) => event.definition.effect);
  if (effects.length === 0) return;
  const positions = new Map(result.events.map((e) => [e.eventId, e.position]));
  const withPositions = effects.map((event) => ({ ...event, position: positions.get(event.eventId)!, recordedAt }));
  await applyEffects(tx, streamId, metadata.accountId, withPositions);
}

/** Whether an append has effects beside the log, so must run in a transaction. */
export function hasEffects({ prepared }: Prepared): boolean {
  return prepared.some((event) => event.definition.effect);
}

/**
 * Marks the event the data names (position and event id, in this stream) as
 * superseded, and drops the stream's snapshots that folded it in: the command
 * snapshot and every history snapshot at or after its version.
 */
async function supersede(tx: Queryable, streamId: string, event: EffectEvent) {
  const position = Number(event.data.position);
  const eventId = String(event.data.eventId);
  const marked = await tx.$queryRaw<{ stream_version: number }[]>`
    INSERT INTO superseded_events (position, event_id, stream_id, stream_version, account_id, superseded_by,
                                   superseded_at)
    SELECT e.global_position, e.event_id, e.stream_id, e.stream_version, e.account_id, ${event.position}::bigint,
           ${event.recordedAt.toISOString()}::timestamptz
    FROM events e
    WHERE e.global_position = ${position}::bigint AND e.stream_id = ${streamId} AND e.event_id = ${eventId}::uuid
    ON CONFLICT (position) DO NOTHING
    RETURNING stream_version`;
  if (marked.length === 0) {
    throw new EventValidationError("Invalid supersession", [
      {
        path: "data.position",
        message: `no event ${eventId} at position ${position} in ${streamId}, or it is already superseded`,
      },
    ]);
  }
  await tx.$executeRaw`DELETE FROM snapshots WHERE stream_id = ${streamId}`;
  await tx.$executeRaw`
    DELETE FROM history_snapshots WHERE stream_id = ${streamId} AND stream_version >= ${marked[0]!.stream_version}`;
}

/**
 * Erases an account's names and emails: readers then see "[erased]"; events
 * keep their references and hashes. The account's folded snapshots go too
 * (they hold the values as read), and every process's kept folds of them
 * (streams.erasures). erased_at is the transaction's start, which
 * the history fold's guard relies on (history.ts).
 */
export async function erasePersonalDataIn(tx: Queryable, accountId: string): Promise<number> {
  const erased = await tx.$executeRaw`
    UPDATE personal_data SET value = NULL, erased_at = now()
    WHERE account_id = ${accountId} AND value IS NOT NULL`;
  await tx.$executeRaw`
    DELETE FROM snapshots WHERE stream_id IN (SELECT stream_id FROM streams WHERE account_id = ${accountId})`;
  // Folds kept in memory by any process (state-cache.ts) see this on their next load and fold again.
  await tx.$executeRaw`UPDATE streams SET erasures = erasures + 1 WHERE account_id = ${accountId}`;
  await tx.$executeRaw`
    DELETE FROM history_snapshots WHERE stream_id IN (SELECT stream_id FROM streams WHERE account_id = ${accountId})`;
  return erased;
}

/** SQL that leaves superseded events out of a read over `events e`. */
export const notSuperseded = Prisma.sql`AND NOT EXISTS (SELECT 1 FROM superseded_events s WHERE s.position = e.global_position)`;
