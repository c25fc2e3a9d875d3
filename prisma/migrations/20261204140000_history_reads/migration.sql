-- Time travel reads each stream between its history snapshot's position and the point:
-- a range of this index, not the stream's whole tail.
CREATE INDEX "events_stream_position_idx" ON "events"("stream_id", "global_position");

-- The streams an account had at a point, answered from the index alone.
DROP INDEX "events_stream_starts_idx";
CREATE INDEX "events_stream_starts_idx" ON "events"("account_id", "global_position") INCLUDE ("stream_id")
  WHERE "stream_version" = 1;
