import { describe, expect, test } from "vitest";
import { buildCausationTree, type CommandNode, commandsOf } from "./causation";
import { entry } from "./testing/entries";

const policy = {
  actorLabel: "Billing policy",
  source: "system" as const,
  actor: { type: "system" as const, id: "bp" },
};
const shape = (nodes: CommandNode[]): unknown =>
  nodes.map((c) => ({
    [`${c.requestId} ${c.commandType}`]: c.events.map((e) => ({ [e.entry.eventId]: shape(e.followUps) })),
  }));

describe("buildCausationTree", () => {
  const upgraded = entry("r1", { eventId: "e1", type: "PlanUpgraded" });
  const prorated = entry("r1", { eventId: "e2", type: "ProrationApplied", version: 2 });
  const issued = entry("r2", {
    ...policy,
    eventId: "e3",
    type: "InvoiceIssued",
    commandType: "IssueInvoice",
    streamId: "invoice-i1",
    causationId: "e2",
  });
  const paid = entry("r3", {
    ...policy,
    eventId: "e4",
    type: "PaymentRecorded",
    commandType: "RecordPayment",
    streamId: "invoice-i1",
    causationId: "e3",
  });
  const opened = entry("r4", {
    ...policy,
    eventId: "e5",
    type: "AccountOpened",
    commandType: "OpenAccount",
    accountId: "globex",
    streamId: "account-globex",
    causationId: "e2",
  });

  test("a command with two events, a follow-up of the second, its follow-up, and another account's event", () => {
    // Given out of order: the tree follows causation, not the input's order.
    const roots = buildCausationTree([paid, opened, issued, prorated, upgraded]);
    expect(shape(roots)).toEqual([
      {
        "r1 UpgradePlan": [
          { e1: [] },
          {
            e2: [
              { "r2 IssueInvoice": [{ e3: [{ "r3 RecordPayment": [{ e4: [] }] }] }] },
              { "r4 OpenAccount": [{ e5: [] }] },
            ],
          },
        ],
      },
    ]);
    const [root] = roots;
    expect(root).toMatchObject({ actorLabel: "Dana (admin)", source: "ui", causationId: null, accountIds: ["acme"] });
    const follow = root!.events[1]!.followUps;
    expect(follow.map((c) => [c.actorLabel, c.accountIds])).toEqual([
      ["Billing policy", ["acme"]],
      ["Billing policy", ["globex"]],
    ]);
    expect(commandsOf(roots).map((c) => c.requestId)).toEqual(["r1", "r2", "r3", "r4"]);
  });

  test("a follow-up whose cause is not on the page is a root of its own (a request id's page)", () => {
    expect(shape(buildCausationTree([paid]))).toEqual([{ "r3 RecordPayment": [{ e4: [] }] }]);
    expect(shape(buildCausationTree([issued, paid]))).toEqual([
      { "r2 IssueInvoice": [{ e3: [{ "r3 RecordPayment": [{ e4: [] }] }] }] },
    ]);
  });

  test("a command's repeats are on its node", () => {
    const replays = { sent: 3, repeats: [{ at: "2026-03-02T10:01:00.000Z", source: "api", requestId: "r9" }] };
    const [root] = buildCausationTree([
      { ...upgraded, replays },
      { ...prorated, replays },
    ]);
    expect(root!.replays).toEqual(replays);
  });

  test("a cause recorded after its effect cannot make a loop: both stay on the page", () => {
    const a = entry("ra", { eventId: "ea", causationId: "eb" });
    const b = entry("rb", { eventId: "eb", causationId: "ea" });
    expect(commandsOf(buildCausationTree([a, b])).map((c) => c.requestId)).toEqual(["ra", "rb"]);
  });

  test("nothing in, nothing out", () => {
    expect(buildCausationTree([])).toEqual([]);
  });
});
