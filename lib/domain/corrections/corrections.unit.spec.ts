import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/domain-error";
import { commandFrom } from "../shared/testing";
import { correctionCommandSchemas } from "./commands";
import { correctionDecider } from "./decider";
import type { SupersedeTarget } from "./target";

const NOW = "2026-03-01T10:00:00.000Z";
const supersede = (position: number) =>
  commandFrom(correctionCommandSchemas, "SupersedeEvent", { position, reason: "Seats were entered twice" }, NOW);
const seats: SupersedeTarget = {
  position: 42,
  eventId: "0b4b7c1e-8a52-4cf4-9d1e-3f1f8f3c2a11",
  type: "SeatsChanged",
  streamId: "subscription-acme",
  streamKind: "subscription",
  version: 7,
  supersededBy: null,
};

/** Given the named event (as the handler looked it up), when SupersedeEvent, then… */
const given = (target: SupersedeTarget | null) => ({
  when: (position: number) => ({
    then: () => correctionDecider.decide(target, supersede(position)),
    thenRejects(code: string, pattern?: RegExp) {
      let caught: unknown;
      try {
        correctionDecider.decide(target, supersede(position));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe(code);
      if (pattern) expect((caught as DomainError).message).toMatch(pattern);
    },
  }),
});

describe("supersede an event", () => {
  it("names the event by position and id, with its type and version", () => {
    expect(given(seats).when(42).then()).toEqual([
      {
        type: "EventSuperseded",
        data: {
          position: 42,
          eventId: seats.eventId,
          eventType: "SeatsChanged",
          streamVersion: 7,
          supersededAt: NOW,
        },
      },
    ]);
  });

  it("never twice", () => {
    given({ ...seats, supersededBy: { position: 50, at: "2026-02-01T09:00:00.000Z" } })
      .when(42)
      .thenRejects("EVENT_ALREADY_SUPERSEDED", /already superseded on 2026-02-01 .*can't be superseded twice/);
  });

  it("refuses what can't be superseded: nothing there, a stream's creation, a closure, a correction, a price", () => {
    given(null)
      .when(9)
      .thenRejects("EVENT_NOT_FOUND", /no event at position 9/);
    given({ ...seats, type: "PlanPurchased", version: 1 })
      .when(42)
      .thenRejects("EVENT_NOT_SUPERSEDABLE", /created subscription-acme/);
    given({ ...seats, type: "AccountClosed", streamKind: "account", streamId: "account-acme" })
      .when(42)
      .thenRejects("EVENT_NOT_SUPERSEDABLE", /stays closed/);
    given({ ...seats, type: "EventSuperseded" })
      .when(42)
      .thenRejects("EVENT_NOT_SUPERSEDABLE", /itself a correction/);
    given({ ...seats, type: "PersonalDataErased" })
      .when(42)
      .thenRejects("EVENT_NOT_SUPERSEDABLE", /can't be undone/);
    given({ ...seats, type: "PlanPriceChanged", streamKind: "pricelist", streamId: "pricelist-standard" })
      .when(42)
      .thenRejects("EVENT_NOT_SUPERSEDABLE", /another price change/);
  });

  it("needs a reason", () => {
    expect(correctionCommandSchemas.SupersedeEvent.safeParse({ position: 1 }).success).toBe(false);
    expect(correctionCommandSchemas.SupersedeEvent.safeParse({ position: 0, reason: "wrong" }).success).toBe(false);
  });
});
