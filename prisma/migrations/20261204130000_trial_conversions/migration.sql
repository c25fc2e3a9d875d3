-- trial-conversions: one row per account that started a trial, and how and at which price it ended.
CREATE TABLE "rm_trial_conversions" (
    "account_id" TEXT NOT NULL,
    "trial_plan" TEXT NOT NULL,
    "trial_seats" INTEGER NOT NULL,
    "trial_started_at" TIMESTAMPTZ(3) NOT NULL,
    "trial_ends_at" TIMESTAMPTZ(3) NOT NULL,
    -- trialing | converted | canceled
    "status" TEXT NOT NULL,
    "converted_at" TIMESTAMPTZ(3),
    "plan" TEXT,
    "interval" TEXT,
    "seats" INTEGER,
    -- The price per seat per period the conversion was billed at (minor units of currency).
    "unit_price" BIGINT,
    "currency" TEXT,
    "canceled_at" TIMESTAMPTZ(3),
    "last_position" BIGINT NOT NULL,
    CONSTRAINT "rm_trial_conversions_pkey" PRIMARY KEY ("account_id")
);
CREATE INDEX "rm_trial_conversions_converted_idx" ON "rm_trial_conversions"("converted_at");
CREATE INDEX "rm_trial_conversions_started_idx" ON "rm_trial_conversions"("trial_started_at");
