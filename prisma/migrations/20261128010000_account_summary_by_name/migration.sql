-- The accounts list is ordered by name (then id, for a stable keyset cursor).
CREATE INDEX "rm_account_summary_name_idx" ON "rm_account_summary"("name", "account_id");
