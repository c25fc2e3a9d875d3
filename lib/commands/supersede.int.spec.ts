import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { DomainError, type SubscriptionState, aggregates } from "@/lib/domain";
import { accountAt } from "@/lib/history/account-at";
import { getAccountSummary } from "@/lib/projections/account-summary/queries";
import { getInvoice } from "@/lib/projections/invoices/queries";
import { waitForProjection } from "@/lib/projections/read-after-write";
import { projections } from "@/lib/projections/registry";
import { ProjectionRunner } from "@/lib/projections/runner";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { exportBatches } from "@/lib/timeline/export";
import { readTimeline } from "@/lib/timeline/read";
import type { Caller, CommandResult } from "./handle-command";

let t: TestDatabase;
let runtime: Runtime;
let runner: ProjectionRunner;
const dana: Caller = { principal: { type: "user", id: "dana", role: "admin", name: "Dana" } };
const T0 = Date.parse("2026-03-02T10:00:00.000Z");
const day = (n: number) => new Date(T0 + n * 86_400_000);
const run = (type: string, data: Record<string, unknown>, when: Date, caller: Caller = { system: "test" }) =>
  issueCommand(runtime, { type, data, caller, source: "api", now: when });
const supersede = (position: number, reason = "Entered by mistake") =>
  issueCommand(runtime, { type: "SupersedeEvent", data: { position, reason }, caller: dana, source: "ui" });
const positionOf = (result: CommandResult, type: string) => result.events.find((e) => e.type === type)!.position;
const flatten = (r: CommandResult): CommandResult[] => [r, ...r.followUps.flatMap(flatten)];
const projected = async (position: number) => {
  for (const p of projections.filter((p) => !p.reactor)) {
    expect(await waitForProjection(t.db.prisma, p.name, position, { timeoutMs: 15_000 }), p.name).toBe(true);
  }
};
const subscription = async () =>
  (await runtime.store.loadAggregate("subscription-acme", aggregates.subscription.decider)).state as SubscriptionState;

let seatsPosition: number;
let paymentPosition: number;
let invoiceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  runner = new ProjectionRunner(runtime, projections, { pollMs: 50, leaseRetryMs: 100, log: () => undefined });
  await runner.start();
  await run(
    "OpenAccount",
    { accountId: "acme", name: "Acme Inc", billingEmail: "ap@acme.example", currency: "USD" },
    day(0),
  );
  const bought = await run("PurchasePlan", { accountId: "acme", plan: "pro", interval: "monthly", seats: 3 }, day(0));
  invoiceId = flatten(bought).find((r) => r.commandType === "IssueInvoice")!.targetId;
  const seats = await run("ChangeSeats", { accountId: "acme", seats: 5 }, day(1));
  seatsPosition = positionOf(seats, "SeatsChanged");
  const invoice = await getInvoiceFromStore();
  const paid = await run("RecordPayment", { invoiceId, amount: invoice.charged, method: "card" }, day(2));
  paymentPosition = positionOf(paid, "PaymentRecorded");
  await projected(paymentPosition);
});
afterAll(async () => {
  await runner?.stop();
  await t?.drop();
});

async function getInvoiceFromStore() {
  const { state } = await runtime.store.loadAggregate(`invoice-${invoiceId}`, aggregates.invoice.decider);
  return state as { charged: number; status: string; paid: number };
}

describe("superseding an event", () => {
  test("before: the seats change and the payment count everywhere", async () => {
    expect(await subscription()).toMatchObject({ seats: 5 });
    expect(await getAccountSummary(t.db, "acme")).toMatchObject({ seats: 5 });
    expect(await getInvoice(t.db, invoiceId)).toMatchObject({ status: "paid", balance: 0 });
  });

  test("after: folds, read models, time travel and exports leave them out; the timeline shows them struck", async () => {
    const before = await accountAt(runtime.store, "acme", { position: paymentPosition });
    const first = await supersede(seatsPosition, "Seats were entered twice");
    const second = await supersede(paymentPosition, "Card payment was reversed by the bank");
    expect(first).toMatchObject({ commandType: "SupersedeEvent", streamId: "subscription-acme", accountId: "acme" });
    expect(second.streamId).toBe(`invoice-${invoiceId}`);
    await projected(second.position!);

    // Command-side folds.
    expect(await subscription()).toMatchObject({ seats: 3 });
    expect(await getInvoiceFromStore()).toMatchObject({ status: "open", paid: 0 });
    // Read models.
    const summary = await getAccountSummary(t.db, "acme");
    expect(summary).toMatchObject({ seats: 3 });
    const invoice = await getInvoice(t.db, invoiceId);
    expect(invoice).toMatchObject({ status: "open", paid: 0 });
    const [open] = await t.db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT sum(balance) AS n FROM rm_invoices WHERE account_id = 'acme' AND status = 'open'`;
    expect(summary!.openBalance).toBe(Number(open!.n));
    // Time travel, now and at a past point (the superseded events were in the log then too).
    const now = await accountAt(runtime.store, "acme", { position: second.position! });
    const past = await accountAt(runtime.store, "acme", { position: paymentPosition });
    expect(before.header).not.toEqual(past.header);
    for (const at of [now, past]) {
      expect(at.aggregates.find((a) => a.kind === "subscription")!.state).toMatchObject({ seats: 3 });
      expect(at.aggregates.find((a) => a.kind === "invoice")!.state).toMatchObject({ status: "open", paid: 0 });
    }
    // The timeline keeps them, marked with who and why; the EventSuperseded rows name them.
    const deps = { db: t.db, store: runtime.store };
    const { entries } = await readTimeline(deps, { accountId: "acme" }, { limit: 100 });
    const seats = entries.find((e) => e.position === seatsPosition)!;
    expect(seats.supersededBy).toMatchObject({
      position: first.position,
      actorLabel: "Dana (admin)",
      reason: "Seats were entered twice",
    });
    expect(entries.find((e) => e.position === first.position)!.sentence).toBe(
      `Dana (admin) superseded the SeatsChanged event at position ${seatsPosition}`,
    );
    // Exports leave them out (their EventSuperseded rows stay).
    const rows = [];
    for await (const batch of exportBatches(deps, "acme", {})) rows.push(...batch);
    expect(rows.map((r) => r.position)).not.toContain(seatsPosition);
    expect(rows.map((r) => r.position)).not.toContain(paymentPosition);
    expect(rows.filter((r) => r.type === "EventSuperseded")).toHaveLength(2);
    // The chain is intact: nothing was rewritten.
    expect((await runtime.store.verifyAll()).ok).toBe(true);
  });

  test("never twice, and not a stream's creation: refused in the domain's words, nothing written", async () => {
    const count = async () =>
      Number((await t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) n FROM events`)[0]!.n);
    const before = await count();
    await expect(supersede(seatsPosition)).rejects.toMatchObject({
      code: "EVENT_ALREADY_SUPERSEDED",
      message: expect.stringMatching(/can't be superseded twice/),
    });
    const [opened] = await runtime.store.readStream("account-acme", { toVersion: 1 });
    await expect(supersede(opened!.position)).rejects.toBeInstanceOf(DomainError);
    await expect(supersede(999_999)).rejects.toMatchObject({ status: 404 });
    expect(await count()).toBe(before);
  });

  test("a command snapshot that folded the superseded event is dropped with it", async () => {
    const coupon = await run("ApplyCoupon", { accountId: "acme", code: "SAVE20" }, day(3));
    for (let i = 0; i < 26; i++) await run("ChangeSeats", { accountId: "acme", seats: 4 + (i % 2) }, day(3));
    const loaded = await runtime.store.loadAggregate("subscription-acme", aggregates.subscription.decider);
    expect(loaded.state).toMatchObject({ coupon: { code: "SAVE20" } });
    const snapshotVersion = async () =>
      (
        await t.db.prisma.$queryRaw<{ v: number }[]>`
          SELECT stream_version AS v FROM snapshots WHERE stream_id = 'subscription-acme'`
      )[0]?.v;
    const applied = coupon.events.find((e) => e.type === "CouponApplied")!;
    expect(await snapshotVersion()).toBeGreaterThan(applied.version);
    await supersede(applied.position, "Coupon was meant for another customer");
    expect(await snapshotVersion()).toBeUndefined();
    expect(await subscription()).toMatchObject({ coupon: null, seats: 5 });
  });
});
