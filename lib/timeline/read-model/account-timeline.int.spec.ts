import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { at, buildHistory, type History } from "@/lib/projections/testing/history";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { readTimeline, readTimelineEntry } from "../read";
import { accountTimelineProjection } from "./projection";
import { countTimelineFacts, type FactsQuery } from "./queries";

describe("account-timeline", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let history: History;
  const list = (accountId: string, query: Partial<FactsQuery> = {}) =>
    readTimeline(runtime, { accountId }, { limit: 100, ...query });

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    history = await buildHistory(runtime);
    await applyLog(runtime, accountTimelineProjection);
  });
  afterAll(async () => t?.drop());

  test("an upgrade shows its sentence, who, how and the plan and unit price it changed", async () => {
    const page = await list("t-upgrade", { types: ["PlanUpgraded"] });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      streamId: "subscription-t-upgrade",
      streamType: "subscription",
      actor: { type: "system", id: "test" },
      actorLabel: "Test",
      source: "api",
      commandType: "UpgradePlan",
      occurredAt: at(10).toISOString(),
      sentence: "Test upgraded Starter to Pro, effective immediately",
      changes: { plan: { old: "starter", new: "pro" }, unitPrice: { old: 2900, new: 9900 } },
    });
    const invoices = await list("t-upgrade", { types: ["InvoiceIssued"] });
    // Newest first: the proration charge (14 000 × 21/31 = 9 484), then the purchase invoice.
    expect(invoices.entries.map((i) => i.changes.charged)).toEqual([
      { old: null, new: 9484 },
      { old: null, new: 5800 },
    ]);
    expect(invoices.entries[0]!.actorLabel).toBe("Billing policy");
    expect(invoices.entries[0]!.commandType).toBe("IssueInvoice");
  });

  test("a partial payment and a credit note move the invoice figures", async () => {
    const page = await list("t-partial", { streams: ["invoice"] });
    expect(page.entries.map((i) => [i.type, i.changes])).toEqual([
      ["CreditNoteIssued", { credited: { old: 0, new: 1000 }, balance: { old: 5900, new: 4900 } }],
      ["PaymentRecorded", { paid: { old: 0, new: 4000 }, balance: { old: 9900, new: 5900 } }],
      [
        "InvoiceIssued",
        {
          status: { old: "none", new: "open" },
          charged: { old: null, new: 9900 },
          credited: { old: null, new: 0 },
          paid: { old: null, new: 0 },
          refunded: { old: null, new: 0 },
          balance: { old: null, new: 9900 },
        },
      ],
    ]);
    expect(page.entries[0]!.reason).toBe("Goodwill credit");
  });

  test("pages newest first with a cursor, and reads one entry", async () => {
    const all = await list("t-resume");
    const positions = all.entries.map((i) => i.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    const first = await list("t-resume", { limit: 3 });
    const second = await list("t-resume", { cursor: Number(first.nextCursor) });
    expect([...first.entries, ...second.entries].map((i) => i.position)).toEqual(positions);
    expect(second.nextCursor).toBeNull();
    const pause = all.entries.find((i) => i.type === "SubscriptionPaused")!;
    expect(pause.changes).toEqual({ status: { old: "active", new: "paused" } });
    expect(await readTimelineEntry(runtime, pause.position)).toEqual(pause);
    expect(await readTimelineEntry(runtime, 999_999)).toBeNull();
  });

  test("pages oldest first with a cursor forwards, within afterPosition and upToPosition", async () => {
    const positions = (await list("t-resume", { order: "asc" })).entries.map((i) => i.position);
    expect(positions.length).toBeGreaterThan(4);
    const pages: number[][] = [];
    for (let cursor: number | undefined; ;) {
      const page = await list("t-resume", { order: "asc", limit: 2, cursor });
      pages.push(page.entries.map((i) => i.position));
      if (page.nextCursor === null) break;
      cursor = Number(page.nextCursor);
    }
    expect(pages.flat()).toEqual(positions);
    expect(pages.length).toBe(Math.ceil(positions.length / 2));
    // The later of the cursor and afterPosition bounds from below.
    const bounded = await list("t-resume", {
      order: "asc",
      cursor: positions[1],
      afterPosition: positions[0],
      upToPosition: positions[3],
    });
    expect(bounded.entries.map((i) => i.position)).toEqual(positions.slice(2, 4));
  });

  test("lead events belong to the prospective account's timeline", async () => {
    const page = await list(history.leadAccountId, { streams: ["lead"] });
    expect(page.entries.map((i) => i.type).reverse()).toEqual([
      "LeadCaptured",
      "LeadScored",
      "LeadAssigned",
      "LeadContacted",
      "LeadQualified",
      "LeadConverted",
    ]);
    expect(page.entries[0]!.changes).toEqual({ stage: { old: "qualified", new: "converted" } });
  });

  test("stores facts, not sentences or names: an erasure shows at once, without a rebuild", async () => {
    const stored = await t.db.prisma.$queryRaw<{ row: string }[]>`
      SELECT row_to_json(r)::text AS row FROM rm_timeline r WHERE account_id = 't-erased'`;
    expect(stored.length).toBeGreaterThan(0);
    for (const { row } of stored) expect(row).not.toMatch(/Erin|opened the account/);
    const page = await list("t-erased", { streams: ["account"] });
    expect(page.entries.map((i) => i.type)).toEqual(["AccountRenamed", "AccountOpened"]);
    expect(page.entries[1]!.sentence).toContain("opened the account [erased]");
  });

  test("filters by actor, source, app version, correlation id and business time", async () => {
    const all = await list("t-upgrade");
    const upgrade = all.entries.find((e) => e.type === "PlanUpgraded")!;
    const types = async (query: Partial<FactsQuery>) => (await list("t-upgrade", query)).entries.map((e) => e.type);
    expect(new Set(await types({ actor: "billing-policy" }))).toEqual(new Set(["InvoiceIssued"]));
    expect(new Set(await types({ source: "system" }))).toEqual(new Set(["InvoiceIssued"]));
    expect(await types({ appVersion: "no-such-version" })).toEqual([]);
    expect((await types({ appVersion: upgrade.appVersion })).length).toBe(all.entries.length);
    // One command's story: the upgrade, its proration and the invoice the policy issued for it.
    expect(await types({ correlationId: upgrade.correlationId })).toEqual([
      "InvoiceIssued",
      "ProrationApplied",
      "PlanUpgraded",
    ]);
    expect(await types({ from: at(10), to: at(10, 1) })).toEqual(["InvoiceIssued", "ProrationApplied", "PlanUpgraded"]);
  });

  test("a repeated request is on record against what it appended: sent twice, applied once", async () => {
    const request = {
      type: "ChangeSeats",
      data: { accountId: "t-monthly", seats: 6 },
      caller: { system: "test" },
      source: "api" as const,
      idempotencyKey: "seats-6",
      now: at(20),
    };
    const first = await issueCommand(runtime, request);
    const again = await issueCommand(runtime, { ...request, requestId: "the-repeat" });
    expect(again.replayed).toBe(true);
    await applyLog(runtime, accountTimelineProjection);
    const seats = (await list("t-monthly", { types: ["SeatsChanged"] })).entries[0]!;
    expect(seats.position).toBe(first.events[0]!.position);
    expect(seats.replays).toMatchObject({ sent: 2, repeats: [{ source: "api", requestId: "the-repeat" }] });
    // Our own policies' re-runs (the reactor's) are not replays anyone sent.
    const invoice = (await list("t-monthly", { types: ["InvoiceIssued"] })).entries[0]!;
    expect(invoice.replays).toBeNull();
  });

  test("a credit note that compensates an event links to it, and the event back to it", async () => {
    const page = await list("t-downgrade");
    const credit = page.entries.find((e) => e.type === "CreditNoteIssued")!;
    const proration = page.entries.find((e) => e.type === "ProrationApplied")!;
    expect(credit.compensates).toEqual({
      eventId: proration.eventId,
      position: proration.position,
      accountId: "t-downgrade",
      type: "ProrationApplied",
    });
    expect(proration.compensatedBy).toEqual([
      { eventId: credit.eventId, position: credit.position, accountId: "t-downgrade", type: "CreditNoteIssued" },
    ]);
  });

  const ordinals = async () =>
    (await t.db.prisma.rmTimeline.findMany({ orderBy: { position: "asc" } })).map((row) => ({
      accountId: row.accountId,
      position: Number(row.position),
      seq: row.accountSeq === null ? null : Number(row.accountSeq),
    }));

  test("applying an event twice changes nothing", async () => {
    const before = await list("t-cancel");
    const numbered = await ordinals();
    await applyLog(runtime, accountTimelineProjection);
    expect(await list("t-cancel")).toEqual(before);
    expect(await ordinals()).toEqual(numbered);
  });

  test("each row is numbered within its account, and a count between two positions subtracts two numbers", async () => {
    const rows = await ordinals();
    const counted = new Map<string, number>();
    for (const row of rows) {
      counted.set(row.accountId, (counted.get(row.accountId) ?? 0) + 1);
      expect(row.seq, `${row.accountId} at ${row.position}`).toBe(counted.get(row.accountId));
    }
    const [accountId] = [...counted].sort((a, b) => b[1] - a[1])[0]!;
    const own = rows.filter((row) => row.accountId === accountId).map((row) => row.position);
    const bounds = [undefined, 0, ...own, own.at(-1)! + 1000];
    const plain = (after?: number, upTo?: number) =>
      t.db.prisma.rmTimeline.count({
        where: { accountId, position: { gt: after ?? -1, lte: upTo ?? Number.MAX_SAFE_INTEGER } },
      });
    for (const after of bounds) {
      for (const upTo of bounds) {
        const query = { afterPosition: after, upToPosition: upTo };
        expect(await countTimelineFacts(t.db, { accountId }, query), `(${after}, ${upTo}]`).toBe(
          await plain(after, upTo),
        );
      }
    }

    // The count is read from the numbers: one moved shows in it.
    const last = own.at(-1)!;
    await t.db.prisma.$executeRaw`UPDATE rm_timeline SET account_seq = account_seq + 1000 WHERE position = ${last}`;
    expect(await countTimelineFacts(t.db, { accountId }, {})).toBe(own.length + 1000);
    // Rows written before the numbers existed are counted one by one until the timeline is rebuilt.
    await t.db.prisma.$executeRaw`UPDATE rm_timeline SET account_seq = NULL WHERE account_id = ${accountId}`;
    expect(await countTimelineFacts(t.db, { accountId }, { afterPosition: own[1] })).toBe(own.length - 2);
    expect(await countTimelineFacts(t.db, { accountId }, {})).toBe(own.length);
  });
});
