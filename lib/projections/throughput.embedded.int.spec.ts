import { afterAll, beforeAll, expect, test } from "vitest";
import type { Database } from "@/lib/db/types";
import { createEmbeddedTestDatabase } from "@/lib/testing/databases";
import { readThroughput, recordThroughput } from "./throughput";

// `npm start` runs the projections on the embedded database: the chart's SQL must work there too.
let db: Database;
beforeAll(async () => {
  db = await createEmbeddedTestDatabase();
});
afterAll(async () => db?.close());

test("throughput buckets on embedded PGlite", async () => {
  await db.prisma.$transaction(async (tx) => {
    await recordThroughput(tx, "embedded-test", 12);
    await recordThroughput(tx, "embedded-test", 8);
  });
  const series = (await readThroughput(db.prisma, ["embedded-test"]))["embedded-test"]!;
  // One bucket holds both (one transaction, one now()); the read may fall in the next bucket already.
  expect(series.filter((point) => point.events > 0)).toEqual([expect.objectContaining({ events: 20, perSecond: 2 })]);
});
