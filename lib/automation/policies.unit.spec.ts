import { afterEach, expect, test, vi } from "vitest";
import type { CommandRequest, CommandResult, PlannedCommand } from "@/lib/commands/handle-command";
import type { CommittedCommand } from "@/lib/commands/ports";
import { DomainError } from "@/lib/domain";
import { planPolicies } from "./policies";

const purchase: CommittedCommand = {
  events: [
    {
      type: "PlanPurchased",
      eventId: "evt-1",
      data: {
        accountId: "acme",
        plan: "pro",
        interval: "monthly",
        unitPrice: 9900,
        seats: 2,
        currency: "USD",
        periodStart: "2026-11-01T00:00:00.000Z",
        periodEnd: "2026-12-01T00:00:00.000Z",
        invoiceId: "inv-1",
        creditApplied: 0,
      },
    } as CommittedCommand["events"][number],
  ],
  streamId: "subscription-acme",
  accountId: "acme",
  correlationId: "corr-1",
  now: new Date("2026-11-01T00:00:00Z"),
};

const resultFor = (request: CommandRequest): CommandResult => ({
  commandType: request.type,
  streamId: "invoice-inv-1",
  targetId: "inv-1",
  accountId: "acme",
  version: 1,
  position: 2,
  events: [],
  replayed: false,
  followUps: [],
});

afterEach(() => vi.restoreAllMocks());

test("a follow-up that cannot be decided with its cause is issued after the commit instead", async () => {
  const issued: CommandRequest[] = [];
  const inline = await planPolicies(
    purchase,
    async () => {
      throw new DomainError("SOMETHING", "not now");
    },
    async (request) => (issued.push(request), resultFor(request)),
  );
  expect(inline.appends).toEqual([]);
  expect(issued).toEqual([]);
  const results = await inline.finish([]);
  expect(issued.map((r) => [r.type, r.causationId, r.idempotencyKey])).toEqual([["IssueInvoice", "evt-1", "evt-1:0"]]);
  expect(results.map((r) => r.commandType)).toEqual(["IssueInvoice"]);
});

test("one that fails after the commit too is logged, not the cause's failure", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const inline = await planPolicies(
    purchase,
    async () => null,
    async () => {
      throw new Error("database gone");
    },
  );
  expect(await inline.finish([])).toEqual([]);
  expect(logged).toHaveBeenCalledWith(
    expect.stringContaining("IssueInvoice caused by PlanPurchased evt-1"),
    expect.any(Error),
  );
});

test("a planned follow-up's append goes with its cause, and its result comes from that append", async () => {
  const append = {
    streamId: "invoice-inv-1",
    events: [],
    options: { expectedVersion: "no_stream" as const, metadata: {} as never },
  };
  const planned: PlannedCommand = {
    append,
    committed: null,
    result: (appended) => ({ ...resultFor({ type: "IssueInvoice" } as CommandRequest), position: appended!.position }),
  };
  const issue = vi.fn();
  const inline = await planPolicies(purchase, async () => planned, issue);
  expect(inline.appends).toEqual([append]);
  const [result] = await inline.finish([
    { streamId: "invoice-inv-1", accountId: "acme", version: 1, position: 42, events: [], replayed: false },
  ]);
  expect(result).toMatchObject({ commandType: "IssueInvoice", position: 42, followUps: [] });
  expect(issue).not.toHaveBeenCalled();
});
