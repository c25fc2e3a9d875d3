import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Principal } from "@/lib/auth/permissions";
import type { Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";

// The actions as the browser calls them, minus Next's request: the session and the process runtime are stood in for.
const the = vi.hoisted(() => ({ principal: null as Principal | null, runtime: null as Runtime | null }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({ currentPrincipal: async () => the.principal }));
vi.mock("@/lib/server/runtime", async (original) => ({
  ...(await original<typeof import("@/lib/server/runtime")>()),
  getRuntime: async () => the.runtime!,
}));

const { createRuntime } = await import("@/lib/server/runtime");
const { issueCommand } = await import("@/lib/automation/issue-command");
const { supersedeEvent } = await import("./corrections/supersede-event");
const { erasePersonalData } = await import("./accounts/erase-personal-data");

let t: TestDatabase;
const person = (role: Principal["role"]): Principal => ({ type: "user", id: role, role, name: role });
const count = async () =>
  Number((await t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n);
let seatsPosition: number;

beforeAll(async () => {
  t = await createTestDatabase();
  the.runtime = createRuntime(t.db);
  const run = (type: string, data: Record<string, unknown>) =>
    issueCommand(the.runtime!, { type, data, caller: { system: "test" }, source: "api" });
  await run("OpenAccount", { accountId: "acme", name: "Acme Inc", billingEmail: "ap@acme.example", currency: "USD" });
  await run("PurchasePlan", { accountId: "acme", plan: "pro", interval: "monthly", seats: 3 });
  seatsPosition = (await run("ChangeSeats", { accountId: "acme", seats: 5 })).position!;
});
afterAll(async () => t?.drop());

describe("server actions: supersede an event, erase personal data", () => {
  test("support and finance are refused before anything runs, and nothing is written; signed out too", async () => {
    const before = await count();
    for (const role of ["support", "finance"] as const) {
      the.principal = person(role);
      const superseded = await supersedeEvent({ position: seatsPosition, reason: "wrong seats" });
      expect(superseded?.serverError).toMatchObject({ code: "FORBIDDEN" });
      expect(superseded?.serverError?.message).toMatch(/cannot issue corrective commands/);
      const erased = await erasePersonalData({ accountId: "acme", reason: "GDPR request" });
      expect(erased?.serverError).toMatchObject({ code: "FORBIDDEN" });
    }
    the.principal = null;
    expect((await supersedeEvent({ position: seatsPosition, reason: "wrong seats" }))?.serverError).toMatchObject({
      message: "Your session has ended: sign in again.",
    });
    expect(await count()).toBe(before);
  });

  test("an admin supersedes, recorded as her, from the ui, with the reason; a second time is refused in words", async () => {
    the.principal = person("admin");
    const result = await supersedeEvent({ position: seatsPosition, reason: "Seats were entered twice" });
    expect(result?.data).toMatchObject({ accountId: "acme" });
    const [event] = await the.runtime!.store.readEventsAt([result!.data!.position!]);
    expect(event).toMatchObject({
      type: "EventSuperseded",
      metadata: {
        actor: { type: "user", id: "admin", role: "admin" },
        source: "ui",
        reason: "Seats were entered twice",
      },
    });
    const again = await supersedeEvent({ position: seatsPosition, reason: "Seats were entered twice" });
    expect(again?.serverError).toMatchObject({ code: "EVENT_ALREADY_SUPERSEDED" });
    expect(again?.serverError?.message).toMatch(/can't be superseded twice/);
  });

  test("erasure: refused for an open account with the domain's sentence, done once closed", async () => {
    the.principal = person("admin");
    const open = await erasePersonalData({ accountId: "acme", reason: "GDPR request #9" });
    expect(open?.serverError).toMatchObject({ code: "ACCOUNT_NOT_CLOSED" });
    expect(open?.serverError?.message).toMatch(/Acme Inc is open/);
    await issueCommand(the.runtime!, {
      type: "CloseAccount",
      data: { accountId: "acme" },
      caller: { system: "test" },
      source: "api",
    });
    const done = await erasePersonalData({ accountId: "acme", reason: "GDPR request #9" });
    expect(done?.serverError).toBeUndefined();
    const [opened] = await the.runtime!.store.readStream("account-acme", { toVersion: 1 });
    expect(opened!.data).toMatchObject({ name: "[erased]", billingEmail: "[erased]" });
  });
});
