import { describe, expect, it } from "vitest";
import { domainRegistry } from "./domain-registry";
import { fold } from "@/lib/domain/shared/decider";
import { leadDecider } from "@/lib/domain/lead/decider";
import type { LeadEvent } from "@/lib/domain/lead/events";

/** Rows as a store written before LeadScored v2 would hold them: (type, schemaVersion, raw data). */
const legacyRows: { type: string; schemaVersion: number; data: Record<string, unknown> }[] = [
  {
    type: "LeadCaptured",
    schemaVersion: 1,
    data: {
      leadId: "lead-7",
      accountId: "initech",
      name: "Bill Lumbergh",
      email: "bill@initech.test",
      company: "Initech",
      source: "referral",
      capturedAt: "2024-03-01T09:00:00.000Z",
    },
  },
  { type: "LeadScored", schemaVersion: 1, data: { score: 42 } },
  {
    type: "LeadAssigned",
    schemaVersion: 1,
    data: { leadId: "lead-7", ownerId: "rep-2", assignedAt: "2024-03-02T09:00:00.000Z" },
  },
  { type: "LeadScored", schemaVersion: 1, data: { score: 55 } },
];

describe("LeadScored schema evolution", () => {
  it("registers v2 with an upcaster from v1", () => {
    expect(domainRegistry.get("LeadScored").schemaVersion).toBe(2);
    expect(domainRegistry.upcast("LeadScored", 1, { score: 42 })).toEqual({
      schemaVersion: 2,
      data: { score: 42, model: "v1-legacy", reasons: [] },
    });
    expect(domainRegistry.upcast("LeadScored", 2, { score: 9, model: "m", reasons: ["r"] }).data).toEqual({
      score: 9,
      model: "m",
      reasons: ["r"],
    });
  });

  it("replays a legacy v1 stream, upcast on read, to the current state", () => {
    const events = legacyRows.map(
      (row) =>
        ({ type: row.type, data: domainRegistry.upcast(row.type, row.schemaVersion, row.data).data }) as LeadEvent,
    );
    for (const event of events) expect(() => domainRegistry.validate(event.type, event.data)).not.toThrow();
    const state = fold(leadDecider, events);
    expect(state).toMatchObject({
      stage: "assigned", // a v1 score after assignment does not move the stage back
      leadId: "lead-7",
      accountId: "initech",
      ownerId: "rep-2",
      score: { score: 55, model: "v1-legacy", reasons: [] },
    });
  });
});
