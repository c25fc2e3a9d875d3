-- The event store: an append-only log with per-stream hash chains.

CREATE TABLE "events" (
    "global_position" BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    "event_id" UUID NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "event_type" TEXT NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "account_id" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "app_version" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    -- The writing transaction: readers take only rows below
    -- pg_snapshot_xmin(pg_current_snapshot()), so no in-flight append is skipped.
    "transaction_id" XID8 NOT NULL DEFAULT pg_current_xact_id(),
    "prev_hash" TEXT,
    "hash" TEXT NOT NULL,
    CONSTRAINT "events_pkey" PRIMARY KEY ("global_position"),
    CONSTRAINT "events_stream_version_positive" CHECK ("stream_version" >= 1),
    CONSTRAINT "events_schema_version_positive" CHECK ("schema_version" >= 1)
);

CREATE UNIQUE INDEX "events_event_id_key" ON "events"("event_id");
CREATE UNIQUE INDEX "events_stream_id_stream_version_key" ON "events"("stream_id", "stream_version");
CREATE INDEX "events_account_timeline_idx" ON "events"("account_id", "global_position" DESC);
CREATE INDEX "events_type_idx" ON "events"("event_type", "global_position");
CREATE INDEX "events_correlation_idx" ON "events"("correlation_id");
CREATE INDEX "events_app_version_idx" ON "events"("app_version", "global_position");
-- The global log in safe order: (transaction, position).
CREATE INDEX "events_global_log_idx" ON "events"("transaction_id", "global_position");

-- History is corrected only by appending: no UPDATE, DELETE or TRUNCATE.
CREATE FUNCTION "events_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % on events is not allowed; append a correcting event instead', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "events_immutable_rows" BEFORE UPDATE OR DELETE ON "events"
    FOR EACH ROW EXECUTE FUNCTION "events_reject_change"();
CREATE TRIGGER "events_immutable_table" BEFORE TRUNCATE ON "events"
    FOR EACH STATEMENT EXECUTE FUNCTION "events_reject_change"();

CREATE TABLE "streams" (
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "last_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "streams_pkey" PRIMARY KEY ("stream_id")
);
CREATE INDEX "streams_account_id_idx" ON "streams"("account_id");

CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "snapshots" (
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "snapshots_pkey" PRIMARY KEY ("stream_id")
);

CREATE TABLE "personal_data" (
    "id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "value" TEXT,
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "personal_data_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "personal_data_account_id_idx" ON "personal_data"("account_id");
