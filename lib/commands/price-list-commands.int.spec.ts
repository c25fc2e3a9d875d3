import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Principal, Role } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/domain";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { issueCommand } from "@/lib/automation/issue-command";

let t: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
});
afterAll(async () => t?.drop());

const NOW = new Date("2026-06-01T12:00:00.000Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const person = (role: Role): Principal => ({
  type: role === "service" ? "service" : "user",
  id: `${role}-1`,
  role,
  name: role,
});
const change = (data: Record<string, unknown>, role: Role = "admin") =>
  issueCommand(runtime, {
    type: "ChangePlanPrice",
    data: { plan: "pro", interval: "monthly", unitPrice: 11900, reason: "Pricing 2026", ...data },
    caller: { principal: person(role) },
    source: "api",
    now: NOW,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const priceListVersion = () => runtime.store.streamVersion("pricelist-standard");

describe("ChangePlanPrice takes effect from when it is recorded", () => {
  test("a stated occurredAt is refused, so a change can't reach back over what was charged", async () => {
    const error = await failure(change({ occurredAt: daysAgo(10), effectiveFrom: daysAgo(5) }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({
      status: 400,
      message: "ChangePlanPrice can't be backdated",
      issues: [{ path: "data.occurredAt", message: expect.stringMatching(/^must be left out: ChangePlanPrice/) }],
    });
    expect(await priceListVersion()).toBe(0);
  });

  test("its effectiveFrom is compared with the clock", async () => {
    const error = await failure(change({ effectiveFrom: daysAgo(5) }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "PRICE_CHANGE_IN_THE_PAST" });
  });

  test("a change to any list but the standard one is refused", async () => {
    const error = await failure(change({ priceListId: "eu" }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({
      status: 400,
      issues: [{ path: "data.priceListId", message: 'there is one price list today: "standard"' }],
    });
    expect(await runtime.store.streamVersion("pricelist-eu")).toBe(0);
  });
});

describe("manage-catalog", () => {
  test.each(["finance", "support", "service"] as const)("refuses %s with a 403", async (role) => {
    const before = await priceListVersion();
    const error = await failure(change({ unitPrice: 12900 }, role));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, message: expect.stringContaining("cannot change the price list") });
    expect(await priceListVersion()).toBe(before);
  });

  test("lets an admin change a price, on the price list's own timeline", async () => {
    const before = await priceListVersion();
    const result = await change({ unitPrice: 13900, effectiveFrom: daysAgo(-10) });
    expect(result).toMatchObject({
      streamId: "pricelist-standard",
      accountId: "pricelist-standard",
      version: before + 1,
    });
    expect(result.events.map((e) => e.type)).toEqual(["PlanPriceChanged"]);
  });
});

test("OpenAccount refuses an id the price list's timeline uses", async () => {
  const error = await failure(
    issueCommand(runtime, {
      type: "OpenAccount",
      data: { accountId: "pricelist-standard", name: "Clash", billingEmail: "c@c.example", currency: "USD" },
      caller: { system: "test" },
      source: "system",
    }),
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ status: 400, issues: [{ path: "data.accountId" }] });
  expect(await runtime.store.streamVersion("account-pricelist-standard")).toBe(0);
});
