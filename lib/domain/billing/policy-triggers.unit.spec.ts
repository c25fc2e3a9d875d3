import { expect, test } from "vitest";
import { domainEventDefinitions } from "../index";
import { BILLING_POLICY_TRIGGERS, billingPolicy } from "./policy";

test("the billing policy reacts to nothing outside its declared triggers", () => {
  const triggers = new Set<string>(BILLING_POLICY_TRIGGERS);
  for (const { type } of domainEventDefinitions) {
    if (triggers.has(type)) continue;
    const trigger = { type, data: {}, eventId: "e1", streamId: "x-1", accountId: "acme" };
    expect(billingPolicy(trigger, "2026-01-01T00:00:00.000Z"), type).toEqual([]);
  }
  expect(domainEventDefinitions.map((d) => d.type)).toEqual(expect.arrayContaining([...BILLING_POLICY_TRIGGERS]));
});
