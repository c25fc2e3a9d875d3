import { afterAll, beforeAll, expect, test } from "vitest";
import type { Database } from "@/lib/db/types";
import { getAccountSummary } from "@/lib/projections/account-summary/queries";
import { accountSummaryProjection } from "@/lib/projections/account-summary/projection";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { at, buildHistory } from "@/lib/projections/testing/history";
import { createRuntime } from "@/lib/server/runtime";
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { latestTimelinePosition } from "../live";
import { accountTimelineProjection } from "./projection";
import { countTimelineFacts, type FactsQuery, factsByEventIds, listTimelineFacts, type TimelineScope } from "./queries";

// The timeline's reads are SQL of their own (through the driver on a server, Prisma's raw queries on the
// embedded database `npm start` runs on): the same history must read the same on both.
let server: TestDatabase;
let embedded: Database;
beforeAll(async () => {
  server = await createTestDatabase();
  embedded = await createEmbeddedTestDatabase();
  for (const db of [server.db, embedded]) {
    const runtime = createRuntime(db);
    await buildHistory(runtime);
    await applyLog(runtime, accountTimelineProjection);
    await applyLog(runtime, accountSummaryProjection);
  }
}, 120_000);
afterAll(async () => {
  await embedded?.close();
  await server?.drop();
});

const QUERIES: [TimelineScope, Omit<FactsQuery, "limit">][] = [
  [{ accountId: "t-upgrade" }, {}],
  [{ accountId: "t-upgrade" }, { types: ["PlanUpgraded", "InvoiceIssued"] }],
  [{ accountId: "t-partial" }, { streams: ["invoice"] }],
  [{ accountId: "t-partial" }, { streams: ["subscription", "account-t-partial"], order: "asc" }],
  [{ accountId: "t-upgrade" }, { actor: "billing-policy", source: "system" }],
  [{ accountId: "t-pause" }, { from: at(5), to: at(40) }],
  [{ streamId: "subscription-t-upgrade" }, {}],
];

/** What a read shows, without what differs between two databases (invoice ids, positions, clocks). */
async function read(db: Database, scope: TimelineScope, query: Omit<FactsQuery, "limit">) {
  const { facts, more } = await listTimelineFacts(db, scope, { ...query, limit: 3 });
  const all = await listTimelineFacts(db, scope, { ...query, limit: 1000 });
  return {
    page: facts.map((f) => [f.type, f.streamType, f.version, f.actorId, f.source, f.occurredAt, f.changes]),
    more,
    count: await countTimelineFacts(db, scope, query),
    total: all.facts.length,
  };
}

test("the timeline's reads answer the same on the embedded database as on the server", async () => {
  for (const [scope, query] of QUERIES) {
    const onServer = await read(server.db, scope, query);
    expect(onServer.total, JSON.stringify([scope, query])).toBeGreaterThan(0);
    expect(onServer.count).toBe(onServer.total);
    expect(await read(embedded, scope, query)).toEqual(onServer);
  }
  const [first] = (await listTimelineFacts(embedded, { accountId: "t-upgrade" }, { limit: 1 })).facts;
  expect((await factsByEventIds(embedded, [first!.eventId])).map((f) => f.position)).toEqual([first!.position]);
  expect(await latestTimelinePosition(embedded, "t-upgrade")).toBe(first!.position);
  const summaries = await Promise.all([server.db, embedded].map((db) => getAccountSummary(db, "t-upgrade")));
  expect(summaries[1]).toMatchObject({ plan: summaries[0]!.plan, mrr: summaries[0]!.mrr, seats: summaries[0]!.seats });
  expect(summaries[1]!.lastActivityAt).toBe(summaries[0]!.lastActivityAt);
});
