-- Events an admin superseded (decision 5): kept by the store in the same transaction as the
-- EventSuperseded event that names them, so every fold can leave them out with one key lookup.
-- The primary key is the superseded event's position: superseding one twice is refused here too.
CREATE TABLE "superseded_events" (
    "position" BIGINT NOT NULL,
    "event_id" UUID NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "account_id" TEXT NOT NULL,
    "superseded_by" BIGINT NOT NULL,
    "superseded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "superseded_events_pkey" PRIMARY KEY ("position")
);

CREATE INDEX "superseded_events_stream_idx" ON "superseded_events"("stream_id", "stream_version");

-- Like the log it describes: a supersession is undone only by another recorded event, never by editing rows.
CREATE FUNCTION "superseded_events_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'superseded_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "superseded_events_immutable_rows" BEFORE UPDATE OR DELETE ON "superseded_events"
    FOR EACH ROW EXECUTE FUNCTION "superseded_events_reject_change"();
