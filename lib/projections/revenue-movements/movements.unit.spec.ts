import { describe, expect, test } from "vitest";
import type { SubscriptionState } from "@/lib/domain";
import { classify, type RevenueAccount } from "./movements";

const active = (unitPrice: number, seats: number, interval: "monthly" | "annual" = "monthly") =>
  ({ status: "active", plan: "pro", interval, unitPrice, seats, currency: "USD" }) as unknown as SubscriptionState;
const paused = { status: "paused", plan: "pro", currency: "USD" } as unknown as SubscriptionState;
const canceled = { status: "canceled", plan: "pro", currency: "USD" } as unknown as SubscriptionState;
const trialing = { status: "trialing", plan: "pro", seats: 1 } as unknown as SubscriptionState;
const start: RevenueAccount = {
  mrr: 0,
  currency: null,
  hasBeenPaying: false,
  churned: false,
  subscription: { status: "none", accountId: null },
};

/** Runs states through classify; returns each movement's non-zero fields. */
function moves(...states: SubscriptionState[]) {
  let account = start;
  return states.map((state) => {
    const result = classify(account, state);
    account = result.account;
    return Object.fromEntries(Object.entries(result.movement ?? {}).filter(([, v]) => v !== 0));
  });
}

describe("MRR movement rules", () => {
  test("annual MRR rounds half away from zero", () => {
    expect(moves(active(99000, 20, "annual"))).toEqual([{ newMrr: 165000 }]);
    expect(moves(active(29000, 1, "annual"))).toEqual([{ newMrr: 2417 }]); // 2416.67
    expect(moves(active(6, 1, "annual"))).toEqual([{ newMrr: 1 }]); // 0.5 → 1
  });

  test("new, expansion, contraction, pause, resume, churn, reactivation", () => {
    expect(moves(trialing, active(9900, 2), active(9900, 3), active(2900, 3), paused, active(2900, 3))).toEqual([
      {},
      { newMrr: 19800 },
      { expansionMrr: 9900 },
      { contractionMrr: 21000 },
      { contractionMrr: 8700 },
      { expansionMrr: 8700 },
    ]);
    expect(moves(active(9900, 1), canceled, active(2900, 1))).toEqual([
      { newMrr: 9900 },
      { churnMrr: 9900 },
      { reactivationMrr: 2900 },
    ]);
  });

  test("a paused subscription canceled moves nothing more but counts as churned", () => {
    expect(moves(active(9900, 1), paused, canceled, active(9900, 1))).toEqual([
      { newMrr: 9900 },
      { contractionMrr: 9900 },
      {},
      { reactivationMrr: 9900 },
    ]);
  });

  test("a canceled trial never paid: the first purchase is new", () => {
    expect(moves(trialing, canceled, active(2900, 1))).toEqual([{}, {}, { newMrr: 2900 }]);
  });
});
