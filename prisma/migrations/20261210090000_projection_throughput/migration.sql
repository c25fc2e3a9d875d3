-- Events each projection applied per 10-second bucket (live batches and rebuilds), for the console's
-- throughput chart. Kept for an hour: a batch that opens a new bucket deletes its projection's older ones.
CREATE TABLE "projection_throughput" (
    "projection" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "projection_throughput_pkey" PRIMARY KEY ("projection", "bucket")
);
