import { describe, expect, it } from "vitest";
import { fieldPath, fieldValue } from "@/components/ui/format";
import type { AggregateAt } from "./account-at";
import { diffAggregates, diffFields } from "./diff";

const invoice = (over: Record<string, unknown> = {}) => ({
  status: "open",
  invoiceId: "inv-1",
  currency: "EUR",
  charged: 9900,
  paid: 0,
  balance: 9900,
  payments: [] as unknown[],
  voided: null,
  ...over,
});

const at = (streamId: string, state: unknown, version = 1): AggregateAt => ({
  streamId,
  kind: streamId.startsWith("invoice") ? "invoice" : "subscription",
  version,
  state,
  summary: streamId,
  lastPosition: version,
  lastOccurredAt: null,
});

describe("diffFields", () => {
  it("finds changed, added and removed fields, nested ones by path, and hides the unchanged", () => {
    const before = invoice();
    const { voided: _gone, ...after } = invoice({
      status: "paid",
      paid: 9900,
      balance: 0,
      payments: [{ paymentId: "p-1", amount: 9900, receivedAt: "2026-03-01T10:00:00.000Z" }],
    });
    expect(diffFields(before, after)).toEqual([
      { kind: "changed", path: ["status"], before: "open", after: "paid" },
      { kind: "changed", path: ["paid"], before: 0, after: 9900 },
      { kind: "changed", path: ["balance"], before: 9900, after: 0 },
      { kind: "added", path: ["payments", 0, "paymentId"], after: "p-1" },
      { kind: "added", path: ["payments", 0, "amount"], after: 9900 },
      { kind: "added", path: ["payments", 0, "receivedAt"], after: "2026-03-01T10:00:00.000Z" },
      { kind: "removed", path: ["voided"], before: null },
    ]);
  });

  it("lists every unchanged field too when asked, and nothing twice", () => {
    const fields = diffFields(invoice(), invoice({ paid: 100, balance: 9800 }), { unchanged: true });
    expect(fields.filter((f) => f.kind === "changed").map((f) => f.path)).toEqual([["paid"], ["balance"]]);
    expect(fields.filter((f) => f.kind === "unchanged").map((f) => f.path.join("."))).toEqual(
      expect.arrayContaining(["status", "invoiceId", "currency", "charged", "payments", "voided"]),
    );
    expect(new Set(fields.map((f) => JSON.stringify(f.path))).size).toBe(fields.length);
  });
});

describe("diffAggregates", () => {
  const from = [at("invoice-a", invoice()), at("invoice-b", invoice()), at("invoice-gone", invoice())];
  const to = [
    at("invoice-a", invoice({ paid: 500, balance: 9400 }), 2),
    at("invoice-b", invoice()),
    at("invoice-new", invoice()),
  ];

  it("matches aggregates by stream: new, gone, changed and unchanged, with their currency", () => {
    const { diffs, counts } = diffAggregates(from, to, { unchanged: true });
    expect(diffs.map((d) => [d.streamId, d.status, d.fromVersion, d.toVersion, d.currency])).toEqual([
      ["invoice-a", "changed", 1, 2, "EUR"],
      ["invoice-b", "unchanged", 1, 1, "EUR"],
      ["invoice-new", "added", 0, 1, "EUR"],
      ["invoice-gone", "removed", 1, 0, "EUR"],
    ]);
    expect(counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });

  it("counts every aggregate but spells out only those asked for", () => {
    const { diffs, counts } = diffAggregates(from, to, { limit: 2 });
    expect(diffs.map((d) => d.streamId)).toEqual(["invoice-a", "invoice-new"]);
    expect(diffs[0]!.fields.map((f) => f.path.join("."))).toEqual(["paid", "balance"]);
    expect(counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });
});

describe("formatting a diff for people", () => {
  it("shows money fields in the aggregate's currency, times in UTC and nested paths readably", () => {
    expect(fieldValue("balance", 940050, "EUR")).toBe("EUR 9,400.50");
    expect(fieldValue("unitPrice", 2900, "USD")).toBe("USD 29.00");
    expect(fieldValue("seats", 12, "USD")).toBe("12");
    expect(fieldValue("receivedAt", "2026-03-01T10:00:05.000Z", "USD")).toBe("2026-03-01 10:00:05 UTC");
    expect(fieldValue("coupon", { code: "SAVE20", amountOff: 1000 }, "USD")).toBe("code: SAVE20; amountOff: USD 10.00");
    expect(fieldPath(["payments", 0, "amount"])).toBe("payments #1 › amount");
  });
});
