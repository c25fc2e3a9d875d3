import { describe, expect, test } from "vitest";
import { groupByCommand } from "./groups";
import { entry } from "./testing/entries";

const policy = { actorLabel: "Billing policy", commandType: "IssueInvoice", source: "system" as const };

describe("grouping a timeline by command", () => {
  test("a command's events and what policies appended because of them are one group, titled by the command", () => {
    const upgraded = entry("req-1", { eventId: "e1" });
    const prorated = entry("req-1", { eventId: "e2", type: "ProrationApplied" });
    const invoiced = entry("req-2", { eventId: "e3", type: "InvoiceIssued", causationId: "e2", ...policy });
    const groups = groupByCommand([invoiced, prorated, upgraded]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ requestId: "req-1", title: "Upgrade plan by Dana (admin)" });
    expect(groups[0]!.entries.map((e) => e.eventId)).toEqual(["e3", "e2", "e1"]);
  });

  test("two requests of one correlation (a webhook delivered twice) stay two groups", () => {
    const webhook = { correlationId: "delivery:evt_1", commandType: "DowngradePlan", actorLabel: "Billing provider" };
    const first = entry("req-a", { eventId: "d1", type: "PlanDowngraded", ...webhook });
    const second = entry("req-b", { eventId: "d2", type: "PlanDowngraded", ...webhook });
    const groups = groupByCommand([second, first]);
    expect(groups.map((g) => g.entries.map((e) => e.eventId))).toEqual([["d2"], ["d1"]]);
  });

  test("only neighbours group: the same request later on the page starts a new group", () => {
    const a = entry("req-1", { eventId: "a" });
    const other = entry("req-9", { eventId: "x", commandType: "ChangeSeats" });
    const b = entry("req-1", { eventId: "b" });
    expect(groupByCommand([b, other, a]).map((g) => g.entries.length)).toEqual([1, 1, 1]);
  });
});
