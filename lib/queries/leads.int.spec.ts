import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { domainEventDefinitions } from "@/lib/domain";
import { ZLeadScoredV1 } from "@/lib/domain/lead/events";
import { createEventStore, defineEvent, EventRegistry } from "@/lib/event-store";
import { customerLifecycleProjection } from "@/lib/projections/customer-lifecycle/projection";
import { listLeads } from "@/lib/projections/customer-lifecycle/queries";
import { applyLogAndCheckpoint } from "@/lib/projections/testing/apply-log";
import { at, run } from "@/lib/projections/testing/history";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { readLeadList, readLeadPage } from "./leads";

// The store as an older release had it: LeadScored was v1, `{ score }` only.
const v1Registry = new EventRegistry([
  ...domainEventDefinitions.filter((d) => d.type !== "LeadScored"),
  defineEvent({ type: "LeadScored", schemaVersion: 1, schema: ZLeadScoredV1 }),
]);

describe("lead page queries", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let convertedAccount: string;
  let prospectAccount: string;
  const project = async () => {
    await applyLogAndCheckpoint(runtime, accountTimelineProjection);
    await applyLogAndCheckpoint(runtime, customerLifecycleProjection);
  };
  const capture = async (leadId: string, company: string, days: number) =>
    (
      await run(runtime, at(days), "CaptureLead", {
        leadId,
        name: "Pat Lead",
        email: `pat@${leadId}.example`,
        company,
        source: "event",
      })
    ).accountId;

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    convertedAccount = await capture("l-won", "Hooli", 0);
    // An old import wrote a v1 score, before a v2 model scored it.
    await createEventStore(t.db, { registry: v1Registry }).append(
      "lead-l-won",
      [{ type: "LeadScored", data: { score: 42 }, occurredAt: at(1) }],
      {
        expectedVersion: 1,
        metadata: {
          actor: { type: "system", id: "crm-import" },
          source: "import",
          requestId: "import-1",
          correlationId: "import-1",
          appVersion: "2025.01.0",
          accountId: convertedAccount,
        },
      },
    );
    await run(runtime, at(2), "ScoreLead", { leadId: "l-won", score: 82, model: "fit-2", reasons: ["size", "budget"] });
    await run(runtime, at(2, 1), "AssignLead", { leadId: "l-won", ownerId: "dana" });
    await run(runtime, at(3), "ContactLead", { leadId: "l-won", channel: "email" });
    await run(runtime, at(4), "QualifyLead", { leadId: "l-won" });
    await run(runtime, at(5), "ConvertLead", { leadId: "l-won" });
    prospectAccount = await capture("l-open", "Initech", 1);
    await capture("l-lost", "Vandelay", 1);
    await run(runtime, at(3), "DisqualifyLead", { leadId: "l-lost", reason: "No budget this year." });
    await project();
  });
  afterAll(async () => t?.drop());

  test("score history oldest first; the v1 score read through its upcaster and marked", async () => {
    const page = (await readLeadPage(runtime, "l-won", {}))!;
    expect(page.scores).toEqual([
      expect.objectContaining({
        score: 42,
        model: "v1-legacy",
        reasons: [],
        storedSchemaVersion: 1,
        schemaVersion: 2,
        upcast: true,
        actorLabel: expect.any(String),
        occurredAt: at(1).toISOString(),
      }),
      expect.objectContaining({
        score: 82,
        model: "fit-2",
        reasons: ["size", "budget"],
        storedSchemaVersion: 2,
        upcast: false,
        occurredAt: at(2).toISOString(),
      }),
    ]);
    expect(page.scoresCut).toBe(false);
  });

  test("a converted lead: its state now and the account it became", async () => {
    const page = (await readLeadPage(runtime, "l-won", {}))!;
    expect(page.lead).toMatchObject({
      stage: "converted",
      name: "Pat Lead",
      email: "pat@l-won.example",
      company: "Hooli",
      source: "event",
      ownerId: "dana",
      score: { score: 82, model: "fit-2" },
      convertedAt: at(5).toISOString(),
    });
    expect(page.account).toEqual({ accountId: convertedAccount, converted: true });
    expect(page.version).toBe(7);
    expect(page.timeline.entries.map((e) => e.type)).toEqual([
      "LeadConverted",
      "LeadQualified",
      "LeadContacted",
      "LeadAssigned",
      "LeadScored",
      "LeadScored",
      "LeadCaptured",
    ]);
    expect(page.pending.timeline).toBe(0);
  });

  test("before conversion, the prospective account; a disqualified lead says why", async () => {
    const open = (await readLeadPage(runtime, "l-open", {}))!;
    expect(open.account).toEqual({ accountId: prospectAccount, converted: false });
    expect(open.scores).toEqual([]);
    const lost = (await readLeadPage(runtime, "l-lost", {}))!;
    expect(lost.lead).toMatchObject({ stage: "disqualified", disqualification: { reason: "No budget this year." } });
  });

  test("the lead's timeline pages by cursor and counts what is not projected yet", async () => {
    const first = (await readLeadPage(runtime, "l-won", {}))!;
    const older = (await readLeadPage(runtime, "l-won", { cursor: String(first.timeline.entries[4]!.position) }))!;
    expect(older.timeline.entries.map((e) => e.type)).toEqual(["LeadScored", "LeadCaptured"]);
    await run(runtime, at(6), "EnrichLead", { leadId: "l-open", industry: "Software" });
    expect((await readLeadPage(runtime, "l-open", {}))!.pending.timeline).toBe(1);
    await project();
  });

  test("the list: newest captured first, paged by a keyset cursor, with stages and scores", async () => {
    const all = await readLeadList(runtime, {});
    expect(all.items.map((l) => [l.leadId, l.stage, l.score])).toEqual([
      ["l-open", "enriched", null],
      ["l-lost", "disqualified", null],
      ["l-won", "converted", 82],
    ]);
    expect(all.items[1]!.disqualifiedAt).toBe(at(3).toISOString());
    expect(all.items[2]!.convertedAt).toBe(at(5).toISOString());
    expect(all.nextCursor).toBeNull();
    // l-open and l-lost were captured at the same moment: the cursor breaks the tie by id.
    const first = await listLeads(runtime.db, { limit: 1 });
    const second = await listLeads(runtime.db, { limit: 1, cursor: first.nextCursor! });
    const third = await listLeads(runtime.db, { limit: 1, cursor: second.nextCursor! });
    expect([first, second, third].flatMap((p) => p.items.map((l) => l.leadId))).toEqual(["l-open", "l-lost", "l-won"]);
    expect(third.nextCursor).toBeNull();
    // A cursor someone mangled starts from the top rather than failing.
    expect((await readLeadList(runtime, { after: "not-a-cursor" })).items).toHaveLength(3);
  });

  test("unknown or malformed lead ids are not found", async () => {
    expect(await readLeadPage(runtime, "no-such-lead", {})).toBeNull();
    expect(await readLeadPage(runtime, "bad id!", {})).toBeNull();
  });
});
