-- The leads list is newest captured first (then lead id, for a stable keyset cursor).
CREATE INDEX "rm_lead_pipeline_captured_idx" ON "rm_lead_pipeline"("captured_at" DESC, "lead_id" DESC);
