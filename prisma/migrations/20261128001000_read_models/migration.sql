-- Read models (lib/projections/<read-model>/, described in docs/read-models.md).
-- Every row is derived from events only, so a rebuild reproduces it byte for byte:
-- no defaults, no sequences or identity columns, no triggers, no foreign keys
-- (a rebuild fills shadow copies made with CREATE TABLE ... (LIKE ... INCLUDING ALL)).
-- Every table has account_id, so one account's rows can be rebuilt alone.

-- account-summary: one row per account.
CREATE TABLE "rm_account_summary" (
    "account_id" TEXT NOT NULL,
    "name" TEXT,
    "billing_email" TEXT,
    -- none (no AccountOpened yet) | open | closed
    "account_status" TEXT NOT NULL,
    -- none | trialing | active | paused | canceled
    "subscription_status" TEXT NOT NULL,
    -- The subscription folded by the domain's evolve (SubscriptionState).
    "subscription" JSONB NOT NULL,
    "plan" TEXT,
    "interval" TEXT,
    "seats" INTEGER,
    "coupon_code" TEXT,
    -- List-price monthly recurring revenue, minor units (lib/projections/shared/mrr.ts).
    "mrr" BIGINT NOT NULL,
    "currency" TEXT,
    "open_balance" BIGINT NOT NULL,
    -- prospect | trial | customer | paused | churned | closed
    "lifecycle_stage" TEXT NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "last_position" BIGINT NOT NULL,
    CONSTRAINT "rm_account_summary_pkey" PRIMARY KEY ("account_id")
);

-- account-summary's per-invoice figures (open_balance sums the open ones).
CREATE TABLE "rm_account_summary_invoices" (
    "invoice_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "balance" BIGINT NOT NULL,
    -- The folded InvoiceState without its lists (lines, payments, ...): what evolve needs for balance and status.
    "state" JSONB NOT NULL,
    CONSTRAINT "rm_account_summary_invoices_pkey" PRIMARY KEY ("invoice_id")
);
CREATE INDEX "rm_account_summary_invoices_account_idx" ON "rm_account_summary_invoices"("account_id", "status");

-- account-timeline: one row per event, with the key fields it changed.
CREATE TABLE "rm_timeline" (
    "position" BIGINT NOT NULL,
    "account_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "actor" JSONB NOT NULL,
    "actor_label" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "causation_id" TEXT,
    "request_id" TEXT NOT NULL,
    "app_version" TEXT NOT NULL,
    "reason" TEXT,
    -- { field: { old, new } } for the stream's key fields this event changed.
    "changes" JSONB NOT NULL,
    CONSTRAINT "rm_timeline_pkey" PRIMARY KEY ("position")
);
CREATE INDEX "rm_timeline_account_idx" ON "rm_timeline"("account_id", "position" DESC);

-- account-timeline's folded state per stream.
CREATE TABLE "rm_timeline_streams" (
    "stream_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    CONSTRAINT "rm_timeline_streams_pkey" PRIMARY KEY ("stream_id")
);
CREATE INDEX "rm_timeline_streams_account_idx" ON "rm_timeline_streams"("account_id");

-- invoices: one row per invoice (the folded InvoiceState).
CREATE TABLE "rm_invoices" (
    "invoice_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    -- open | paid | void | uncollectible
    "status" TEXT NOT NULL,
    "lines" JSONB NOT NULL,
    "charged" BIGINT NOT NULL,
    "credited" BIGINT NOT NULL,
    "paid" BIGINT NOT NULL,
    "refunded" BIGINT NOT NULL,
    "balance" BIGINT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "credit_notes" JSONB NOT NULL,
    "payments" JSONB NOT NULL,
    "refunds" JSONB NOT NULL,
    "failed_payments" JSONB NOT NULL,
    -- { reason, at } or null
    "voided" JSONB,
    "marked_uncollectible" JSONB,
    "last_position" BIGINT NOT NULL,
    CONSTRAINT "rm_invoices_pkey" PRIMARY KEY ("invoice_id")
);
CREATE INDEX "rm_invoices_account_idx" ON "rm_invoices"("account_id", "issued_at" DESC);
CREATE INDEX "rm_invoices_open_idx" ON "rm_invoices"("due_at") WHERE "status" = 'open';

-- revenue-movements: MRR movements per UTC day and account.
CREATE TABLE "rm_revenue_movements" (
    "day" DATE NOT NULL,
    "account_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "new_mrr" BIGINT NOT NULL,
    "expansion_mrr" BIGINT NOT NULL,
    "contraction_mrr" BIGINT NOT NULL,
    "churn_mrr" BIGINT NOT NULL,
    "reactivation_mrr" BIGINT NOT NULL,
    CONSTRAINT "rm_revenue_movements_pkey" PRIMARY KEY ("day", "account_id"),
    CONSTRAINT "rm_revenue_movements_non_negative" CHECK (
        "new_mrr" >= 0 AND "expansion_mrr" >= 0 AND "contraction_mrr" >= 0 AND "churn_mrr" >= 0
        AND "reactivation_mrr" >= 0)
);
CREATE INDEX "rm_revenue_movements_account_idx" ON "rm_revenue_movements"("account_id", "day");

-- revenue-movements' MRR state per account.
CREATE TABLE "rm_revenue_accounts" (
    "account_id" TEXT NOT NULL,
    "mrr" BIGINT NOT NULL,
    "currency" TEXT,
    "has_been_paying" BOOLEAN NOT NULL,
    "churned" BOOLEAN NOT NULL,
    -- The subscription folded by the domain's evolve (SubscriptionState).
    "subscription" JSONB NOT NULL,
    CONSTRAINT "rm_revenue_accounts_pkey" PRIMARY KEY ("account_id")
);

-- customer-lifecycle: one row per (prospective) account.
CREATE TABLE "rm_lifecycle" (
    "account_id" TEXT NOT NULL,
    -- lead | trial | customer | paused | churned | disqualified | closed
    "stage" TEXT NOT NULL,
    "lead_id" TEXT,
    "lead_stage" TEXT,
    "lead_captured_at" TIMESTAMPTZ(3),
    "trial_started_at" TIMESTAMPTZ(3),
    "trial_converted_at" TIMESTAMPTZ(3),
    "customer_since" TIMESTAMPTZ(3),
    "churned_at" TIMESTAMPTZ(3),
    "stage_entered_at" TIMESTAMPTZ(3) NOT NULL,
    -- { stage: whole days spent in it, summed over the past stays }; the current stage is not in it.
    "stage_days" JSONB NOT NULL,
    CONSTRAINT "rm_lifecycle_pkey" PRIMARY KEY ("account_id")
);
CREATE INDEX "rm_lifecycle_stage_idx" ON "rm_lifecycle"("stage");

-- customer-lifecycle's lead pipeline: one row per lead.
CREATE TABLE "rm_lead_pipeline" (
    "lead_id" TEXT NOT NULL,
    -- The prospective account (the one a conversion opens).
    "account_id" TEXT NOT NULL,
    "company" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL,
    "stage_entered_at" TIMESTAMPTZ(3) NOT NULL,
    "converted_at" TIMESTAMPTZ(3),
    "disqualified_at" TIMESTAMPTZ(3),
    "score" INTEGER,
    CONSTRAINT "rm_lead_pipeline_pkey" PRIMARY KEY ("lead_id")
);
CREATE INDEX "rm_lead_pipeline_stage_idx" ON "rm_lead_pipeline"("stage");
CREATE INDEX "rm_lead_pipeline_account_idx" ON "rm_lead_pipeline"("account_id");
