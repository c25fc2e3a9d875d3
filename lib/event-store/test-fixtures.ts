import { z } from "zod";
import type { EventMetadataInput } from "./metadata";
import { defineEvent, EventRegistry } from "./registry";

/** A small vocabulary for the store's own tests, independent of the business domain. */
export const testDefinitions = [
  defineEvent({
    type: "CounterIncremented",
    schemaVersion: 1,
    schema: z.object({ by: z.number().int().positive() }).strict(),
  }),
  defineEvent({
    type: "ContactAdded",
    schemaVersion: 1,
    schema: z.object({ name: z.string().min(1), email: z.email(), plan: z.string() }).strict(),
    personalFields: ["name", "email"],
  }),
  // v1 was { amount }; v2 adds the currency, which v1 events were always in.
  defineEvent({
    type: "PriceSet",
    schemaVersion: 2,
    schema: z.object({ amount: z.number().int(), currency: z.string().length(3) }).strict(),
    upcasters: { 1: (data) => ({ ...data, currency: "USD" }) },
    legacySchemas: { 1: z.object({ amount: z.number().int() }).strict() },
  }),
];

export const testRegistry = new EventRegistry(testDefinitions);

/** The test vocabulary and one event with an effect beside the log, as the domain's EventSuperseded has. */
export const supersedingRegistry = new EventRegistry([
  ...testDefinitions,
  defineEvent({
    type: "CounterSuperseded",
    schemaVersion: 1,
    schema: z.object({ position: z.number().int(), eventId: z.uuid() }).strict(),
    effect: "supersede",
  }),
]);

export function testMetadata(overrides: Partial<EventMetadataInput> = {}): EventMetadataInput {
  return {
    actor: { type: "user", id: "user-dana", role: "admin" },
    source: "api",
    requestId: "req-1",
    correlationId: "corr-1",
    appVersion: "test",
    accountId: "acme",
    ...overrides,
  };
}

export const increment = (by = 1) => ({ type: "CounterIncremented", data: { by } });

export const counterFold = {
  initialState: () => ({ total: 0, count: 0 }),
  evolve: (state: { total: number; count: number }, event: { type: string; data: Record<string, unknown> }) =>
    event.type === "CounterIncremented"
      ? { total: state.total + (event.data.by as number), count: state.count + 1 }
      : state,
};
