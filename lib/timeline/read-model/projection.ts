import type { RecordedEvent } from "@/lib/event-store";
import { EVENT_TYPES, evolveWith, initialStateOf, isStreamKind } from "@/lib/projections/shared/fold";
import { defineReadModel, type TableSpec } from "@/lib/projections/types";
import { compensatedEventOf } from "../compensation";
import { type Changes, changesBetween } from "./changes";

export const ACCOUNT_TIMELINE = "account-timeline";

/** A stream's folded state, and the version it is at. */
interface TimelineStream {
  streamId: string;
  accountId: string;
  version: number;
  state: unknown;
}

const rmTimelineStreams: TableSpec<
  TimelineStream,
  { stream_id: string; account_id: string; version: number; state: unknown }
> = {
  key: ["stream_id"],
  columns: { stream_id: "text", account_id: "text", version: "integer", state: "jsonb" },
  fromRow: (row) => ({ streamId: row.stream_id, accountId: row.account_id, version: row.version, state: row.state }),
  toRow: (s) => ({ stream_id: s.streamId, account_id: s.accountId, version: s.version, state: s.state }),
};

/** How many timeline rows an account has so far. */
interface TimelineAccount {
  accountId: string;
  events: number;
}

const rmTimelineAccounts: TableSpec<TimelineAccount, { account_id: string; events: string | number }> = {
  key: ["account_id"],
  columns: { account_id: "text", events: "bigint" },
  fromRow: (row) => ({ accountId: row.account_id, events: Number(row.events) }),
  toRow: (a) => ({ account_id: a.accountId, events: a.events }),
};

/** One event's facts, the key fields it changed, and its ordinal among its account's rows. */
interface TimelineEntry {
  event: RecordedEvent;
  changes: Changes;
  accountSeq: number;
}

const rmTimeline: TableSpec<TimelineEntry> = {
  key: ["position"],
  write: "insert",
  columns: {
    position: "bigint",
    account_id: "text",
    event_id: "text",
    stream_id: "text",
    stream_type: "text",
    version: "integer",
    type: "text",
    schema_version: "integer",
    occurred_at: "timestamptz",
    recorded_at: "timestamptz",
    actor_type: "text",
    actor_id: "text",
    actor_role: "text",
    source: "text",
    request_id: "text",
    correlation_id: "text",
    causation_id: "text",
    idempotency_key: "text",
    command_type: "text",
    app_version: "text",
    reason: "text",
    compensates: "text",
    changes: "jsonb",
    account_seq: "bigint",
  },
  // The event's facts are in its row in the log: only what the fold works out travels with the batch.
  fromEvent: {
    position: "position",
    columns: {
      account_id: "e.account_id",
      event_id: "e.event_id::text",
      stream_id: "e.stream_id",
      stream_type: "e.stream_type",
      version: "e.stream_version",
      type: "e.event_type",
      schema_version: "e.schema_version",
      occurred_at: "e.occurred_at",
      recorded_at: "e.recorded_at",
      actor_type: "e.metadata->'actor'->>'type'",
      actor_id: "e.metadata->'actor'->>'id'",
      actor_role: "e.metadata->'actor'->>'role'",
      source: "e.metadata->>'source'",
      request_id: "e.metadata->>'requestId'",
      correlation_id: "e.metadata->>'correlationId'",
      causation_id: "e.metadata->>'causationId'",
      idempotency_key: "e.metadata->>'idempotencyKey'",
      command_type: "e.metadata->>'commandType'",
      app_version: "e.metadata->>'appVersion'",
      reason: "e.metadata->>'reason'",
    },
  },
  toRow: ({ event, changes, accountSeq }) => ({
    position: event.position,
    compensates: compensatedEventOf(event),
    changes,
    account_seq: accountSeq,
  }),
};

/**
 * One row per event of every account (lead events under the prospective
 * account): its facts (who, when, through what, which ids, what it
 * compensates) and the key fields it changed. No sentences and no personal
 * data: the page renders sentences when it reads, from the event itself.
 * The stream's state is folded with the domain's evolve and kept in
 * rm_timeline_streams. Each row carries its ordinal among the account's rows
 * (rm_timeline_accounts counts them), so a count between two positions is a
 * subtraction. A batch adds its rows in one insert.
 */
export const accountTimelineProjection = defineReadModel({
  name: ACCOUNT_TIMELINE,
  version: 3,
  eventTypes: [...Object.values(EVENT_TYPES).flat(), "EventSuperseded"],
  tables: { rm_timeline: rmTimeline, rm_timeline_streams: rmTimelineStreams, rm_timeline_accounts: rmTimelineAccounts },
  // Superseded events stay in the timeline, struck through (read.ts marks them).
  keepsSuperseded: true,
  keys: (event) => ({
    rm_timeline_accounts: [event.accountId],
    ...(isStreamKind(event.streamType) ? { rm_timeline_streams: [event.streamId] } : {}),
  }),
  fold(rows, event) {
    let changes: Changes = {};
    const kind = event.streamType;
    if (isStreamKind(kind)) {
      const stream = rows.rm_timeline_streams.get(event.streamId);
      if (stream && stream.version >= event.version) return; // already applied
      const before = stream?.state ?? initialStateOf(kind);
      const state = evolveWith(kind, before, event);
      const accountId = stream?.accountId ?? event.accountId;
      rows.rm_timeline_streams.set(event.streamId, {
        streamId: event.streamId,
        accountId,
        version: event.version,
        state,
      });
      changes = changesBetween(kind, before, state);
    }
    // Counted after the stream's own check: an event applied again adds no row and no count.
    const accountSeq = (rows.rm_timeline_accounts.get(event.accountId)?.events ?? 0) + 1;
    rows.rm_timeline_accounts.set(event.accountId, { accountId: event.accountId, events: accountSeq });
    rows.rm_timeline.set(String(event.position), { event, changes, accountSeq });
  },
});
