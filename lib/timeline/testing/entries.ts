import type { TimelineEntry } from "../entry";

/** A timeline entry for unit specs: Dana's UpgradePlan on Acme unless told otherwise; positions rise per call. */
let position = 100;
export function entry(requestId: string, fields: Partial<TimelineEntry> & { eventId: string }): TimelineEntry {
  position += 1;
  return {
    position,
    accountId: "acme",
    streamId: "subscription-acme",
    streamType: "subscription",
    version: 1,
    type: "PlanUpgraded",
    schemaVersion: 1,
    storedSchemaVersion: 1,
    occurredAt: "2026-03-02T10:00:00.000Z",
    recordedAt: "2026-03-02T10:00:00.000Z",
    actor: { type: "user", id: "dana", role: "admin" },
    actorLabel: "Dana (admin)",
    source: "ui",
    sentence: `${fields.eventId} happened`,
    requestId,
    correlationId: "story",
    causationId: null,
    idempotencyKey: null,
    commandType: "UpgradePlan",
    appVersion: "1.0.0",
    reason: null,
    changes: {},
    data: {},
    compensates: null,
    compensatedBy: [],
    replays: null,
    supersededBy: null,
    ...fields,
  };
}
