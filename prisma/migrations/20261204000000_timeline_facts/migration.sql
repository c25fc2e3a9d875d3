-- account-timeline v2 keeps facts, not sentences: sentences are rendered when read
-- (lib/timeline/renderers), so a wording change needs no rebuild and erased personal
-- data never lingers in stored text. The event's data is read from the log by position.
-- The projection's new version rebuilds the rows.
DROP TABLE "rm_timeline";
CREATE TABLE "rm_timeline" (
    "position" BIGINT NOT NULL,
    "account_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    -- As stored: below the type's current schema version, the data is read upcast.
    "schema_version" INTEGER NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    -- user | service | system
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT,
    "source" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "causation_id" TEXT,
    "idempotency_key" TEXT,
    "command_type" TEXT,
    "app_version" TEXT NOT NULL,
    "reason" TEXT,
    -- The event this one compensates (e.g. a credit note's compensatesEventId).
    "compensates" TEXT,
    -- { field: { old, new } } for the stream's key fields this event changed (no personal fields).
    "changes" JSONB NOT NULL,
    CONSTRAINT "rm_timeline_pkey" PRIMARY KEY ("position")
);
CREATE INDEX "rm_timeline_account_idx" ON "rm_timeline"("account_id", "position" DESC);
CREATE INDEX "rm_timeline_account_type_idx" ON "rm_timeline"("account_id", "type", "position" DESC);
CREATE INDEX "rm_timeline_account_actor_idx" ON "rm_timeline"("account_id", "actor_id", "position" DESC);
CREATE INDEX "rm_timeline_account_app_version_idx" ON "rm_timeline"("account_id", "app_version", "position" DESC);
-- "What did deployment X write, and to whom?" across accounts (the search box).
CREATE INDEX "rm_timeline_app_version_idx" ON "rm_timeline"("app_version", "account_id");
CREATE INDEX "rm_timeline_account_occurred_idx" ON "rm_timeline"("account_id", "occurred_at");
CREATE INDEX "rm_timeline_stream_idx" ON "rm_timeline"("stream_id", "position" DESC);
CREATE INDEX "rm_timeline_correlation_idx" ON "rm_timeline"("correlation_id", "position");
CREATE INDEX "rm_timeline_request_idx" ON "rm_timeline"("request_id", "position");
CREATE INDEX "rm_timeline_event_idx" ON "rm_timeline"("event_id");
CREATE INDEX "rm_timeline_compensates_idx" ON "rm_timeline"("compensates") WHERE "compensates" IS NOT NULL;

-- A request answered from an earlier request's stored result (the same idempotency
-- key) writes no event, but "was this sent twice?" must still be answerable.
CREATE TABLE "request_replays" (
    "id" BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    -- Scoped to the caller, as in idempotency_keys.
    "idempotency_key" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    -- The positions the first request appended.
    "first_position" BIGINT NOT NULL,
    "last_position" BIGINT NOT NULL,
    "request_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actor" JSONB NOT NULL,
    "replayed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "request_replays_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "request_replays_account_idx" ON "request_replays"("account_id", "last_position");
CREATE INDEX "request_replays_request_idx" ON "request_replays"("request_id");

-- Time travel's snapshots: a stream's state at every 500th version, so a state at any
-- point folds at most 500 events. Disposable, like snapshots.
CREATE TABLE "history_snapshots" (
    "stream_id" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "global_position" BIGINT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    -- The latest business time among versions 1..stream_version: the snapshot serves
    -- "as effective at T" only when this is at or before T.
    "max_occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    CONSTRAINT "history_snapshots_pkey" PRIMARY KEY ("stream_id", "stream_version")
);

-- The streams an account had at a point: their first events.
CREATE INDEX "events_stream_starts_idx" ON "events"("account_id", "global_position") WHERE "stream_version" = 1;
