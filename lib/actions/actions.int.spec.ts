import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import type { Principal } from "@/lib/auth/permissions";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";

// The actions run as Next would call them, with the signed-in person and the process runtime swapped for the test's.
const session = vi.hoisted(() => ({ principal: null as Principal | null, runtime: null as unknown }));
vi.mock("@/lib/auth/session", () => ({ currentPrincipal: async () => session.principal }));
vi.mock("@/lib/server/runtime", async (original) => ({
  ...(await original<typeof import("@/lib/server/runtime")>()),
  getRuntime: async () => session.runtime,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { previewCorrection } = await import("./corrections/preview-correction");
const { confirmCorrection } = await import("./corrections/confirm-correction");
const { approveRequest } = await import("./approvals/approve-request");
const { rejectRequest } = await import("./approvals/reject-request");
const { startReconciliation } = await import("./finance/start-reconciliation");

const person = (role: Principal["role"], id = `${role}-person`): Principal => ({ type: "user", id, role, name: id });
const DANA = person("admin", "dana");
const ALEX = person("admin", "alex");

let t: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  session.runtime = runtime;
});
afterAll(async () => t?.drop());

let counter = 0;
async function customer(seats = 10) {
  const accountId = `act${++counter}`;
  const caller = { principal: DANA };
  await issueCommand(runtime, {
    type: "OpenAccount",
    data: { accountId, name: `Customer ${accountId}`, billingEmail: `ap@${accountId}.example`, currency: "USD" },
    caller,
    source: "api",
  });
  const bought = await issueCommand(runtime, {
    type: "PurchasePlan",
    data: { accountId, plan: "enterprise", interval: "monthly", seats },
    caller,
    source: "api",
  });
  const invoiceId = bought.followUps[0]!.targetId;
  return { accountId, invoiceId };
}
const events = () => t.db.prisma.event.count();
const as = (principal: Principal | null) => {
  session.principal = principal;
};

describe("every action checks the caller on the server before anything else", () => {
  test("signed out and support may not start a reconciliation; finance may", async () => {
    const runs = () => t.db.prisma.verificationRun.count();
    const before = await runs();
    for (const [principal, code] of [
      [null, "UNAUTHORIZED"],
      [person("support"), "FORBIDDEN"],
    ] as const) {
      as(principal);
      expect((await startReconciliation({ period: "2026-01" })).serverError?.code).toBe(code);
    }
    expect(await runs()).toBe(before);
    as(person("finance"));
    const started = await startReconciliation({ period: "2026-01" });
    expect(started.serverError).toBeUndefined();
    expect(await runs()).toBe(before + 1);
  });

  test("signed out, support and finance are refused by each action, and nothing is written", async () => {
    const { accountId, invoiceId } = await customer();
    const correction = { type: "ChangeSeats", targetId: accountId, fields: { seats: "12" }, reason: "Customer asked" };
    const calls = [
      () => previewCorrection(correction),
      () => confirmCorrection({ ...correction, expectedVersion: 1 }),
      () =>
        confirmCorrection({
          type: "VoidInvoice",
          targetId: invoiceId,
          fields: {},
          reason: "Wrong",
          expectedVersion: 1,
        }),
      () => approveRequest({ approvalId: "nope", reason: "Looks right" }),
      () => rejectRequest({ approvalId: "nope", reason: "Looks wrong" }),
    ];
    const before = await events();
    for (const [principal, code] of [
      [null, "UNAUTHORIZED"],
      [person("support"), "FORBIDDEN"],
      [person("finance"), "FORBIDDEN"],
    ] as const) {
      as(principal);
      for (const call of calls) {
        const result = await call();
        expect(result.serverError?.code, `${principal?.role ?? "signed out"}`).toBe(code);
        expect(result.data).toBeUndefined();
      }
    }
    expect(await events()).toBe(before);
  });

  test("input with a NUL character (which PostgreSQL cannot store) is invalid, not an internal error", async () => {
    const { accountId } = await customer();
    as(DANA);
    const before = await events();
    const result = await confirmCorrection({
      type: "ChangeSeats",
      targetId: accountId,
      fields: { seats: "12" },
      reason: "Customer\u0000 asked",
      expectedVersion: 1,
    });
    expect(result.serverError).toMatchObject({ code: "INVALID_INPUT" });
    expect(await events()).toBe(before);
  });
});

describe("corrections: preview, then confirm with the version the preview saw", () => {
  test("a preview shows the events and the field diff and writes nothing", async () => {
    const { accountId } = await customer();
    as(DANA);
    const before = await events();
    const { data, serverError } = await previewCorrection({
      type: "ChangeSeats",
      targetId: accountId,
      fields: { seats: "12" },
      reason: "Customer asked for two more",
    });
    expect(serverError).toBeUndefined();
    expect(data!.events.map((e) => e.type)).toEqual(["SeatsChanged", "ProrationApplied"]);
    expect(data!.events[0]!.phrase).toContain("10 to 12");
    expect(data!.diff.fields).toContainEqual(
      expect.objectContaining({ kind: "changed", path: ["seats"], before: 10, after: 12 }),
    );
    expect(data!.needsApproval).toBe(false);
    expect(await events()).toBe(before);
  });

  test("confirm appends as the person, from the ui, with reason, ticket and request id", async () => {
    const { accountId } = await customer();
    as(DANA);
    const input = {
      type: "ChangeSeats",
      targetId: accountId,
      fields: { seats: "12" },
      reason: "Customer asked",
      ticket: "SUP-9",
    };
    const preview = (await previewCorrection(input)).data!;
    const { data } = await confirmCorrection({ ...input, expectedVersion: preview.version });
    expect(data).toMatchObject({ status: "done" });
    const written = await t.db.prisma.event.findFirstOrThrow({
      where: { streamId: `subscription-${accountId}`, eventType: "SeatsChanged" },
    });
    expect(written.metadata).toMatchObject({
      actor: { type: "user", id: "dana", role: "admin" },
      source: "ui",
      reason: "Customer asked",
      ticket: "SUP-9",
      commandType: "ChangeSeats",
    });
    expect((written.metadata as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a stale preview writes nothing and answers with what changed and a fresh preview", async () => {
    const { accountId } = await customer();
    as(DANA);
    const input = { type: "ChangeSeats", targetId: accountId, fields: { seats: "14" }, reason: "Customer asked" };
    const stale = (await previewCorrection(input)).data!;
    // Someone else changes the subscription meanwhile.
    await issueCommand(runtime, {
      type: "ChangeSeats",
      data: { accountId, seats: 11 },
      caller: { principal: ALEX },
      source: "api",
    });
    const before = await events();
    const { data } = await confirmCorrection({ ...input, expectedVersion: stale.version });
    expect(await events()).toBe(before);
    expect(data!.status).toBe("conflict");
    if (data!.status !== "conflict") return;
    expect(data!.changes.join(" ")).toContain("Alex (admin) increased seats from 10 to 11");
    expect(data!.preview.version).toBeGreaterThan(stale.version);
    expect(data!.preview.diff.fields).toContainEqual(
      expect.objectContaining({ path: ["seats"], before: 11, after: 14 }),
    );
  });

  test("a rule the correction breaks comes back in the domain's words", async () => {
    const { accountId } = await customer();
    as(DANA);
    const { serverError } = await previewCorrection({
      type: "ChangeSeats",
      targetId: accountId,
      fields: { seats: "10" },
      reason: "No change",
    });
    expect(serverError?.code).toBe("SEATS_UNCHANGED");
    expect(serverError?.message).toMatch(/10 seats/);
    const bad = await previewCorrection({
      type: "IssueCreditNote",
      targetId: "x",
      fields: { amount: "ten" },
      reason: "why not",
    });
    expect(bad.serverError).toMatchObject({ code: "INVALID_INPUT", message: "Amount: write an amount like 120.00" });
  });
});

describe("four eyes through the actions", () => {
  test("a large credit note is held; the requester can't approve; a second admin does, once", async () => {
    const { invoiceId } = await customer();
    as(DANA);
    const input = {
      type: "IssueCreditNote",
      targetId: invoiceId,
      fields: { amount: "800.00" },
      reason: "Outage credit",
    };
    const preview = (await previewCorrection(input)).data!;
    expect(preview.needsApproval).toBe(true);
    const held = (await confirmCorrection({ ...input, expectedVersion: preview.version })).data!;
    expect(held.status).toBe("pending");
    const approvalId = held.status === "pending" ? held.approvalId : "";
    const own = await approveRequest({ approvalId, reason: "Fine by me" });
    expect(own.serverError?.code).toBe("APPROVAL_BY_REQUESTER");
    as(ALEX);
    const results = await Promise.all([1, 2].map(() => approveRequest({ approvalId, reason: "Checked the ticket" })));
    expect(results.filter((r) => r.data).length).toBe(1);
    expect(results.find((r) => r.serverError)!.serverError!.code).toBe("APPROVAL_ALREADY_DECIDED");
    const credits = await t.db.prisma.event.count({
      where: { streamId: `invoice-${invoiceId}`, eventType: "CreditNoteIssued" },
    });
    expect(credits).toBe(1);
  });
});
