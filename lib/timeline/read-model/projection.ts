import type { RecordedEvent } from "@/lib/event-store";
import { EVENT_TYPES, evolveWith, initialStateOf, isStreamKind, jsonb } from "@/lib/projections/shared/fold";
import { defineProjection, type ProjectionContext } from "@/lib/projections/types";
import { compensatedEventOf } from "../compensation";
import { type Changes, changesBetween } from "./changes";

export const ACCOUNT_TIMELINE = "account-timeline";

/**
 * One row per event of every account (lead events under the prospective
 * account): its facts (who, when, through what, which ids, what it
 * compensates) and the key fields it changed. No sentences and no personal
 * data: the page renders sentences when it reads, from the event itself.
 * The stream's state is folded with the domain's evolve and kept in
 * rm_timeline_streams.
 */
export const accountTimelineProjection = defineProjection({
  name: ACCOUNT_TIMELINE,
  version: 2,
  eventTypes: [...Object.values(EVENT_TYPES).flat(), "EventSuperseded"],
  tables: ["rm_timeline", "rm_timeline_streams"],
  // Superseded events stay in the timeline, struck through (read.ts marks them).
  keepsSuperseded: true,
  async apply(ctx, event) {
    const changes = await foldStream(ctx, event);
    if (changes === null) return; // already applied
    const m = event.metadata;
    const role = "role" in m.actor ? m.actor.role : null;
    await ctx.tx.$executeRaw`
      INSERT INTO ${ctx.table("rm_timeline")} (position, account_id, event_id, stream_id, stream_type, version, type,
        schema_version, occurred_at, recorded_at, actor_type, actor_id, actor_role, source, request_id, correlation_id,
        causation_id, idempotency_key, command_type, app_version, reason, compensates, changes)
      VALUES (${event.position}::bigint, ${event.accountId}, ${event.eventId}, ${event.streamId}, ${event.streamType},
        ${event.version}::integer, ${event.type}, ${event.storedSchemaVersion}::integer, ${event.occurredAt},
        ${event.recordedAt}, ${m.actor.type}, ${m.actor.id}, ${role}, ${m.source}, ${m.requestId}, ${m.correlationId},
        ${m.causationId ?? null}, ${m.idempotencyKey ?? null}, ${m.commandType ?? null}, ${m.appVersion},
        ${m.reason ?? null}, ${compensatedEventOf(event)}, ${jsonb(changes)}::jsonb)
      ON CONFLICT (position) DO NOTHING`;
  },
});

/** Folds the event into its stream's state; returns what changed, or null if the stream already had it. */
async function foldStream(ctx: ProjectionContext, event: RecordedEvent): Promise<Changes | null> {
  const kind = event.streamType;
  if (!isStreamKind(kind)) return {};
  const streams = ctx.table("rm_timeline_streams");
  const [row] = await ctx.tx.$queryRaw<{ version: number; state: unknown }[]>`
    SELECT version, state FROM ${streams} WHERE stream_id = ${event.streamId}`;
  if (row && row.version >= event.version) return null;
  const before = row?.state ?? initialStateOf(kind);
  const after = evolveWith(kind, before, event);
  await ctx.tx.$executeRaw`
    INSERT INTO ${streams} (stream_id, account_id, version, state)
    VALUES (${event.streamId}, ${event.accountId}, ${event.version}::integer, ${jsonb(after)}::jsonb)
    ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state`;
  return changesBetween(kind, before, after);
}
