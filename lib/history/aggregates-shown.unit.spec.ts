import { describe, expect, test } from "vitest";
import type { AggregateAt } from "./account-at";
import { aggregatesShown } from "./aggregates-shown";

const aggregate = (kind: AggregateAt["kind"], id: string, lastPosition: number): AggregateAt => ({
  streamId: `${kind}-${id}`,
  kind,
  version: 1,
  state: {},
  summary: id,
  lastPosition,
  lastOccurredAt: null,
});

describe("the aggregates a point's page lists", () => {
  // The list's own order: account, subscription, then invoices oldest first.
  const all = [
    aggregate("account", "a", 1),
    aggregate("subscription", "a", 90),
    ...Array.from({ length: 8 }, (_, i) => aggregate("invoice", `i${i}`, 10 + i * 10)),
  ];

  test("every one while they fit", () => {
    expect(aggregatesShown(all, 10)).toEqual(all);
  });

  test("past the limit: all but invoices, then the invoices changed last, in the list's order", () => {
    expect(aggregatesShown(all, 5).map((a) => a.streamId)).toEqual([
      "account-a",
      "subscription-a",
      "invoice-i5",
      "invoice-i6",
      "invoice-i7",
    ]);
  });

  test("no room for invoices leaves the others whole", () => {
    expect(aggregatesShown(all, 1).map((a) => a.streamId)).toEqual(["account-a", "subscription-a"]);
  });
});
