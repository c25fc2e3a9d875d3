import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyLog } from "../testing/apply-log";
import { at, buildHistory, type History } from "../testing/history";
import { accountTimelineProjection } from "./projection";
import { getTimelineEntry, listTimeline } from "./queries";

describe("account-timeline", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let history: History;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    history = await buildHistory(runtime);
    await applyLog(runtime, accountTimelineProjection);
  });
  afterAll(async () => t?.drop());

  test("an upgrade shows the plan and unit price it changed", async () => {
    const page = await listTimeline(t.db, "t-upgrade", { limit: 50, types: ["PlanUpgraded"] });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      streamId: "subscription-t-upgrade",
      streamType: "subscription",
      actor: { type: "system", id: "test" },
      actorLabel: "Test",
      source: "api",
      occurredAt: at(10).toISOString(),
      summary: expect.stringMatching(/^Test upgraded/),
      changes: { plan: { old: "starter", new: "pro" }, unitPrice: { old: 2900, new: 9900 } },
    });
    const invoices = await listTimeline(t.db, "t-upgrade", { limit: 50, types: ["InvoiceIssued"] });
    // Newest first: the proration charge (14 000 × 21/31 = 9 484), then the purchase invoice.
    expect(invoices.items.map((i) => i.changes.charged)).toEqual([
      { old: null, new: 9484 },
      { old: null, new: 5800 },
    ]);
    expect(invoices.items[0]!.actorLabel).toBe("Billing policy");
  });

  test("a partial payment and a credit note move the invoice figures", async () => {
    const page = await listTimeline(t.db, "t-partial", { limit: 50, streamKinds: ["invoice"] });
    expect(page.items.map((i) => [i.type, i.changes])).toEqual([
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
    expect(page.items[0]!.reason).toBe("Goodwill credit");
  });

  test("pages newest first with a cursor, and reads one entry", async () => {
    const all = await listTimeline(t.db, "t-resume", { limit: 100 });
    const positions = all.items.map((i) => i.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    const first = await listTimeline(t.db, "t-resume", { limit: 3 });
    const second = await listTimeline(t.db, "t-resume", { limit: 100, beforePosition: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.position)).toEqual(positions);
    expect(second.nextCursor).toBeNull();
    const pause = all.items.find((i) => i.type === "SubscriptionPaused")!;
    expect(pause.changes).toEqual({ status: { old: "active", new: "paused" } });
    expect(await getTimelineEntry(t.db, pause.position)).toEqual(pause);
    expect(await getTimelineEntry(t.db, 999_999)).toBeNull();
  });

  test("lead events belong to the prospective account's timeline", async () => {
    const page = await listTimeline(t.db, history.leadAccountId, { limit: 100, streamKinds: ["lead"] });
    expect(page.items.map((i) => i.type).reverse()).toEqual([
      "LeadCaptured",
      "LeadScored",
      "LeadAssigned",
      "LeadContacted",
      "LeadQualified",
      "LeadConverted",
    ]);
    expect(page.items[0]!.changes).toEqual({ stage: { old: "qualified", new: "converted" } });
  });

  test("erased personal data reads [erased] in sentences and changes", async () => {
    const page = await listTimeline(t.db, "t-erased", { limit: 100, streamKinds: ["account"] });
    expect(page.items.map((i) => [i.type, i.changes.name])).toEqual([
      ["AccountRenamed", undefined], // "[erased]" → "[erased]": nothing visible changed
      ["AccountOpened", { old: null, new: "[erased]" }],
    ]);
    expect(page.items[1]!.summary).toContain("opened the account [erased]");
  });

  test("applying an event twice changes nothing", async () => {
    const before = await listTimeline(t.db, "t-cancel", { limit: 100 });
    await applyLog(runtime, accountTimelineProjection);
    expect(await listTimeline(t.db, "t-cancel", { limit: 100 })).toEqual(before);
  });
});
