-- Each timeline row's ordinal among its account's rows (1, 2, 3, ...), and each account's count so far:
-- how many events lie between two positions is then two index probes instead of counting every row
-- (a 100,000-event account's whole-history compare counted 100,000 rows). Null until the timeline is
-- rebuilt (its version moves to 3); readers count rows while it is.
ALTER TABLE "rm_timeline" ADD COLUMN "account_seq" BIGINT;

CREATE TABLE "rm_timeline_accounts" (
    "account_id" TEXT NOT NULL,
    "events" BIGINT NOT NULL,

    CONSTRAINT "rm_timeline_accounts_pkey" PRIMARY KEY ("account_id")
);
