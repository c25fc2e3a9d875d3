import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyLog } from "../testing/apply-log";
import { at, buildHistory, type History, run } from "../testing/history";
import { customerLifecycleProjection } from "./projection";
import { accountsByStage, leadPipelineByStage, lifecycleForAccount, stageDurations } from "./queries";

describe("customer-lifecycle", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let history: History;
  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    history = await buildHistory(runtime);
    await run(runtime, at(30), "CloseAccount", { accountId: "t-pause", reason: "Company wound down" });
    await applyLog(runtime, customerLifecycleProjection);
  });
  afterAll(async () => t?.drop());

  const iso = (days: number) => at(days).toISOString();

  test("a trial converted", async () => {
    expect(await lifecycleForAccount(t.db, "t-trial")).toMatchObject({
      stage: "customer",
      trialStartedAt: iso(0),
      trialConvertedAt: iso(14),
      customerSince: iso(14),
      stageEnteredAt: iso(14),
      stageDays: { lead: 0, trial: 14 },
      lead: null,
    });
  });

  test("churned and back, paused and resumed, paused and closed", async () => {
    expect(await lifecycleForAccount(t.db, "t-cancel")).toMatchObject({
      stage: "customer",
      customerSince: iso(0),
      churnedAt: iso(7),
      stageEnteredAt: iso(20),
      stageDays: { lead: 0, customer: 7, churned: 13 },
    });
    expect(await lifecycleForAccount(t.db, "t-resume")).toMatchObject({
      stage: "customer",
      stageDays: { lead: 0, customer: 5, paused: 3 },
    });
    expect(await lifecycleForAccount(t.db, "t-pause")).toMatchObject({
      stage: "closed",
      stageEnteredAt: iso(30),
      stageDays: { lead: 0, customer: 5, paused: 25 },
    });
  });

  test("a lead captured, converted, and its account buying", async () => {
    expect(await lifecycleForAccount(t.db, history.leadAccountId)).toEqual({
      accountId: history.leadAccountId,
      stage: "customer",
      leadId: "t-lead",
      leadStage: "converted",
      leadCapturedAt: iso(0),
      trialStartedAt: null,
      trialConvertedAt: null,
      customerSince: iso(6),
      churnedAt: null,
      stageEnteredAt: iso(6),
      stageDays: { lead: 6 },
      lead: {
        leadId: "t-lead",
        accountId: history.leadAccountId,
        company: "Hooli",
        name: "Pat Lead",
        email: "pat@lead.example",
        stage: "converted",
        capturedAt: iso(0),
        stageEnteredAt: iso(5),
        convertedAt: iso(5),
        disqualifiedAt: null,
        score: 82,
      },
    });
    expect(await lifecycleForAccount(t.db, history.disqualifiedAccountId)).toMatchObject({
      stage: "disqualified",
      leadStage: "disqualified",
      stageDays: { lead: 4 },
      lead: { company: "Vandelay", disqualifiedAt: iso(4), score: null },
    });
  });

  test("pipeline, stage counts and stage durations", async () => {
    const pipeline = await leadPipelineByStage(t.db);
    expect(pipeline.filter((p) => p.count > 0)).toEqual([
      { stage: "converted", count: 1 },
      { stage: "disqualified", count: 1 },
    ]);
    expect(pipeline).toHaveLength(8);
    expect((await accountsByStage(t.db)).filter((s) => s.count > 0)).toEqual([
      { stage: "customer", count: 11 },
      { stage: "disqualified", count: 1 },
      { stage: "closed", count: 1 },
    ]);
    expect(await stageDurations(t.db)).toEqual([
      // 11 accounts left "lead" the day they opened, the converted lead after 6 days, the lost one after 4.
      { stage: "lead", accounts: 13, totalDays: 10, averageDays: 0.8 },
      { stage: "trial", accounts: 1, totalDays: 14, averageDays: 14 },
      { stage: "customer", accounts: 3, totalDays: 17, averageDays: 5.7 },
      { stage: "paused", accounts: 2, totalDays: 28, averageDays: 14 },
      { stage: "churned", accounts: 1, totalDays: 13, averageDays: 13 },
    ]);
  });
});
