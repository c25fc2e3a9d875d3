-- Reconciliation runs: every invoice issued in a period verified in the background. A run's progress lives
-- here so it survives a page reload and shows which process runs it; a run whose heartbeat stops is marked
-- failed and resumes from its results when started again.
CREATE TABLE "verification_runs" (
    "run_id" TEXT NOT NULL,
    -- Invoices issued in [period_from, period_to).
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    -- The point of history verified at, as a URL names it (a position or a time on the effective axis); NULL: now.
    "as_of" TEXT,
    -- running | done | failed
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "verified" INTEGER NOT NULL DEFAULT 0,
    "mismatched" INTEGER NOT NULL DEFAULT 0,
    -- The log position the run's reads were cut at.
    "position" BIGINT NOT NULL,
    "requested_by" TEXT NOT NULL,
    -- The process running it (see lib/verification/jobs.ts).
    "owner" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,
    CONSTRAINT "verification_runs_pkey" PRIMARY KEY ("run_id")
);
CREATE INDEX "verification_runs_period_idx" ON "verification_runs"("period_from", "period_to", "started_at");

-- One row per invoice a run verified: its figures and, when it does not verify, each mismatch in words.
CREATE TABLE "verification_results" (
    "run_id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    -- verified | mismatched
    "status" TEXT NOT NULL,
    -- Verified because a credit note nets out a wrong line.
    "corrected" BOOLEAN NOT NULL,
    -- open | paid | void | uncollectible
    "invoice_status" TEXT NOT NULL,
    "charged" BIGINT NOT NULL,
    "credited" BIGINT NOT NULL,
    "paid" BIGINT NOT NULL,
    "refunded" BIGINT NOT NULL,
    "balance" BIGINT NOT NULL,
    "mismatch_amount" BIGINT NOT NULL,
    "mismatches" JSONB NOT NULL,
    CONSTRAINT "verification_results_pkey" PRIMARY KEY ("run_id", "invoice_id"),
    CONSTRAINT "verification_results_run_fkey" FOREIGN KEY ("run_id") REFERENCES "verification_runs"("run_id") ON DELETE CASCADE
);
CREATE INDEX "verification_results_status_idx" ON "verification_results"("run_id", "status");
