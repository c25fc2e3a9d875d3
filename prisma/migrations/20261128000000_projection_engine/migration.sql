-- Projection engine: one checkpoint row per projection, with its lease epoch,
-- status, error, throughput window and rebuild progress; and skipped events.

CREATE TABLE "projection_checkpoints" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    -- Last event applied (0: none); the global log continues after it.
    "position" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    -- Fencing token: every lease take-over increments it; a checkpoint write
    -- carries the epoch it was read with, so a runner that lost its lease moves nothing.
    "lease_epoch" BIGINT NOT NULL DEFAULT 0,
    "lease_owner" TEXT,
    "events_processed" BIGINT NOT NULL DEFAULT 0,
    "last_processed_at" TIMESTAMPTZ(3),
    "window_started_at" TIMESTAMPTZ(3),
    "window_count" INTEGER NOT NULL DEFAULT 0,
    "previous_window_count" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "failed_position" BIGINT,
    "failed_event_id" TEXT,
    "failed_event_type" TEXT,
    "failed_at" TIMESTAMPTZ(3),
    "rebuild_requested" BOOLEAN NOT NULL DEFAULT false,
    "rebuild_reason" TEXT,
    "rebuild_started_at" TIMESTAMPTZ(3),
    "rebuild_position" BIGINT,
    "rebuild_processed" BIGINT,
    "rebuild_total" BIGINT,
    "rebuilt_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "projection_checkpoints_pkey" PRIMARY KEY ("name"),
    CONSTRAINT "projection_checkpoints_status_check"
        CHECK ("status" IN ('running', 'stale', 'rebuilding', 'failed', 'paused'))
);

CREATE TABLE "projection_skips" (
    "id" BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    "projection" TEXT NOT NULL,
    "position" BIGINT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "skipped_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "skipped_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "projection_skips_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "projection_skips_projection_idx" ON "projection_skips"("projection", "position");
