import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DomainError } from "@/lib/domain";
import { BatchRefused } from "@/lib/event-store";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { issueCommand } from "./issue-command";

let t: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
});
afterAll(async () => t?.drop());

test("a purchase and the invoice it bills: one read of the purchase's streams, the new invoice and its key not looked up, one append", async () => {
  const reads: string[] = [];
  const writes: string[] = [];
  const store: typeof runtime.store = {
    ...runtime.store,
    loadAggregate: (streamId, fold, options) => {
      reads.push(streamId);
      return runtime.store.loadAggregate(streamId, fold, options);
    },
    loadAggregates: (targets, options) => {
      reads.push(targets.map((target) => target.streamId).join(" + "));
      return runtime.store.loadAggregates(targets, options);
    },
    append: (streamId, events, options) => {
      writes.push(streamId);
      return runtime.store.append(streamId, events, options);
    },
    appendAll: (items, options) => {
      writes.push(items.map((item) => item.streamId).join(" + "));
      return runtime.store.appendAll(items, options);
    },
    findIdempotentResult: (key, requestHash) => {
      reads.push(`key ${key}`);
      return runtime.store.findIdempotentResult(key, requestHash);
    },
  };
  const issue = (type: string, data: Record<string, unknown>) =>
    issueCommand({ store }, { type, data, caller: { system: "test" }, source: "system" });
  await issue("OpenAccount", { accountId: "once", name: "Once Ltd", billingEmail: "o@o.example", currency: "USD" });

  reads.length = 0;
  writes.length = 0;
  const purchase = await issue("PurchasePlan", { accountId: "once", plan: "pro", interval: "monthly", seats: 2 });
  expect(purchase.followUps.map((f) => f.commandType)).toEqual(["IssueInvoice"]);
  // The invoice is written in the purchase's own statement: both commit or neither does.
  expect(writes).toEqual([`subscription-once + ${purchase.followUps[0]!.streamId}`]);
  const [invoiced] = await runtime.store.readStream(purchase.followUps[0]!.streamId);
  expect(invoiced!.metadata).toMatchObject({
    causationId: purchase.events[0]!.eventId,
    idempotencyKey: `${purchase.events[0]!.eventId}:0`,
  });
  expect(await runtime.store.streamVersion(purchase.followUps[0]!.streamId)).toBe(1);
  // The purchase's own stream, open-account check and prices in one query; its invoice is checked against that read.
  expect(reads).toEqual(["subscription-once + account-once + pricelist-standard"]);

  await issue("CloseAccount", { accountId: "once", reason: "Customer left" });
  // A later command does not reuse an earlier one's read: the closed account refuses it.
  await expect(issue("ChangeSeats", { accountId: "once", seats: 3 })).rejects.toMatchObject({ code: "ACCOUNT_CLOSED" });
});

test("when the batch does not hold, the purchase is appended alone and its invoice right after it", async () => {
  const writes: string[] = [];
  const store: typeof runtime.store = {
    ...runtime.store,
    append: (streamId, events, options) => {
      writes.push(streamId);
      return runtime.store.append(streamId, events, options);
    },
    // As if the invoice's part found another head: nothing written, the parts go apart.
    appendAll: async (items) => {
      writes.push("refused");
      throw new BatchRefused(1, items[1]!.streamId);
    },
  };
  const issue = (type: string, data: Record<string, unknown>) =>
    issueCommand({ store }, { type, data, caller: { system: "test" }, source: "system" });
  await issue("OpenAccount", { accountId: "apart", name: "Apart Ltd", billingEmail: "a@a.example", currency: "USD" });
  writes.length = 0;
  const purchase = await issue("PurchasePlan", { accountId: "apart", plan: "pro", interval: "monthly", seats: 2 });
  const invoice = purchase.followUps[0]!;
  expect(invoice.commandType).toBe("IssueInvoice");
  expect(writes).toEqual(["refused", "subscription-apart", invoice.streamId]);
  expect(await runtime.store.streamVersion("subscription-apart")).toBe(1);
  expect(await runtime.store.streamVersion(invoice.streamId)).toBe(1);
});

describe("a follow-up that skips its reads still writes once", () => {
  const followUp = () => ({ store: runtime.store, scope: { accounts: new Map(), followUp: true } });
  const invoice = (invoiceId: string) => ({
    invoiceId,
    accountId: "skips",
    currency: "USD",
    lines: [{ description: "Seats 2 to 3", quantity: 1, unitAmount: 1500 }],
  });
  const caller = { system: "billing-policy" } as const;

  beforeAll(async () => {
    await issueCommand(runtime, {
      type: "OpenAccount",
      data: { accountId: "skips", name: "Skips Ltd", billingEmail: "s@s.example", currency: "USD" },
      caller: { system: "test" },
      source: "system",
    });
  });

  test("its key already used (the reactor got there first): the earlier result, nothing appended", async () => {
    const request = {
      type: "IssueInvoice",
      data: invoice("skips-inv-1"),
      caller,
      source: "system" as const,
      idempotencyKey: "event-1:0",
    };
    const first = await issueCommand(runtime, request);
    const again = await issueCommand(followUp(), request);
    expect(again).toMatchObject({ replayed: true, position: first.position, version: 1 });
    expect(await runtime.store.streamVersion("invoice-skips-inv-1")).toBe(1);
  });

  test("the stream it creates exists already: decided again on it, refused as without the shortcut", async () => {
    const request = { type: "IssueInvoice", data: invoice("skips-inv-2"), caller, source: "system" as const };
    await issueCommand(runtime, request);
    const plain = await issueCommand(runtime, request).catch((error: unknown) => error);
    const skipping = await issueCommand(followUp(), request).catch((error: unknown) => error);
    expect(plain).toBeInstanceOf(DomainError);
    expect(skipping).toBeInstanceOf(DomainError);
    expect((skipping as DomainError).code).toBe((plain as DomainError).code);
    expect(await runtime.store.streamVersion("invoice-skips-inv-2")).toBe(1);
  });
});
