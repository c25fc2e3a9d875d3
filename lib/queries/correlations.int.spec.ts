import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { at, run } from "@/lib/projections/testing/history";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { commandsOf } from "@/lib/timeline/causation";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { readCorrelation } from "./correlations";

describe("readCorrelation", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const seats = (requestId: string, seats: number, extra: { correlationId?: string } = {}) =>
    issueCommand(runtime, {
      type: "ChangeSeats",
      data: { accountId: "acme", seats },
      caller: { system: "crm" },
      source: "api",
      requestId,
      idempotencyKey: `seats-${seats}`,
      now: at(3),
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await run(runtime, at(0), "OpenAccount", {
      accountId: "acme",
      name: "Acme",
      billingEmail: "billing@acme.example",
      currency: "USD",
    });
    await issueCommand(runtime, {
      type: "PurchasePlan",
      data: { accountId: "acme", plan: "pro", interval: "monthly", seats: 2 },
      caller: { system: "crm" },
      source: "api",
      requestId: "req-buy",
      correlationId: "delivery:evt_1",
      now: at(1),
    });
    await seats("req-seats", 5);
    await seats("req-seats-again", 5);
    await applyLog(runtime, accountTimelineProjection);
  });
  afterAll(async () => t?.drop());

  test("a correlation id: the command, its events, and the policy's follow-up under the event that caused it", async () => {
    const page = await readCorrelation(runtime, "delivery:evt_1");
    expect(page).not.toBeNull();
    const [root, ...others] = page!.roots;
    expect(others).toEqual([]);
    expect(root).toMatchObject({ requestId: "req-buy", commandType: "PurchasePlan", source: "api", causationId: null });
    expect(root!.events.map((e) => e.entry.type)).toContain("PlanPurchased");
    const cause = root!.events.find((e) => e.followUps.length > 0)!;
    const [invoice] = cause.followUps;
    expect(invoice).toMatchObject({ commandType: "IssueInvoice", actorLabel: "Billing policy", source: "system" });
    expect(invoice!.causationId).toBe(cause.entry.eventId);
    expect(invoice!.events[0]!.entry.sentence).toMatch(/invoice/i);
    expect(page!.commands).toBe(commandsOf(page!.roots).length);
    expect(page!.events).toBe(commandsOf(page!.roots).flatMap((c) => c.events).length);
    expect(page).toMatchObject({ accountIds: ["acme"], truncated: false, partOf: null, replay: null });
  });

  test("a follow-up's request id shows that command alone, and names the story it is part of", async () => {
    const whole = await readCorrelation(runtime, "delivery:evt_1");
    const followUp = commandsOf(whole!.roots).find((c) => c.commandType === "IssueInvoice")!;
    const page = await readCorrelation(runtime, followUp.requestId);
    expect(page!.roots.map((r) => r.requestId)).toEqual([followUp.requestId]);
    expect(page!.partOf).toBe("delivery:evt_1");
  });

  test("a request sent twice with one key: applied once, the repeat on record, and the repeat's id explained", async () => {
    const first = await readCorrelation(runtime, "req-seats");
    expect(first!.roots[0]!.replays).toMatchObject({ sent: 2, repeats: [{ requestId: "req-seats-again" }] });
    expect(first!.replay).toBeNull();

    const repeat = await readCorrelation(runtime, "req-seats-again");
    expect(repeat).toMatchObject({
      roots: [],
      events: 0,
      replay: { originalRequestId: "req-seats", source: "api", actorLabel: expect.any(String), accountId: "acme" },
    });
  });

  test("an id nothing has is null (the page answers 404)", async () => {
    expect(await readCorrelation(runtime, "no-such-request")).toBeNull();
    expect(await readCorrelation(runtime, "")).toBeNull();
  });
});
