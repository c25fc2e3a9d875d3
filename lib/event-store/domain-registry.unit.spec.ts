import { expect, it } from "vitest";
import { domainEventDefinitions } from "@/lib/domain";
import { ERASED_VALUE } from "@/lib/domain/shared/personal-data";
import { domainRegistry } from "./domain-registry";
import { ERASED } from "./personal-data";

it("registers every domain event type", () => {
  for (const { type } of domainEventDefinitions) expect(domainRegistry.get(type).type).toBe(type);
});

it("reads erased personal data with the domain's marker", () => {
  expect(ERASED_VALUE).toBe(ERASED);
});
