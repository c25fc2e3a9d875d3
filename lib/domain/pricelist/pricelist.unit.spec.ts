import { describe, expect, it } from "vitest";
import { spec } from "../shared/decider-spec";
import { commandFrom } from "../shared/testing";
import { subscriptionDecider } from "../subscription/decider";
import { purchased, sub } from "../subscription/test-fixtures";
import { priceListCommandSchemas } from "./commands";
import { priceListCommandDefinitions, priceListDecider } from "./decider";
import type { PriceListEvent } from "./events";
import { priceAt, type PriceChange } from "./state";

const s = spec(priceListDecider);
const NOW = "2026-05-20T09:00:00.000Z";
const JUNE = "2026-06-01T00:00:00.000Z";
const change = (data: { unitPrice: number; effectiveFrom?: string; plan?: "pro" | "starter" }, now = NOW) =>
  commandFrom(
    priceListCommandSchemas,
    "ChangePlanPrice",
    { plan: data.plan ?? "pro", interval: "monthly", reason: "Pricing 2026", ...data },
    now,
  );
const proToJune: PriceListEvent = {
  type: "PlanPriceChanged",
  data: {
    priceListId: "standard",
    plan: "pro",
    interval: "monthly",
    unitPrice: 11900,
    previousUnitPrice: 9900,
    currency: "USD",
    effectiveFrom: JUNE,
  },
};

describe("ChangePlanPrice", () => {
  it("records the new price from its date, with the price it replaces", () => {
    s.given([])
      .when(change({ unitPrice: 11900, effectiveFrom: JUNE }))
      .then([proToJune]);
  });

  it("starts now when no date is given", () => {
    s.given([])
      .when(change({ unitPrice: 3500, plan: "starter" }))
      .then([
        {
          type: "PlanPriceChanged",
          data: { ...proToJune.data, plan: "starter", unitPrice: 3500, previousUnitPrice: 2900, effectiveFrom: NOW },
        },
      ]);
  });

  it("refuses a date in the past and a price that does not change", () => {
    s.given([])
      .when(change({ unitPrice: 11900, effectiveFrom: "2026-05-01T00:00:00Z" }))
      .thenRejects("PRICE_CHANGE_IN_THE_PAST");
    s.given([proToJune])
      .when(change({ unitPrice: 11900, effectiveFrom: "2026-07-01T00:00:00Z" }))
      .thenRejects("PRICE_UNCHANGED");
    s.given([])
      .when(change({ unitPrice: 9900 }))
      .thenRejects("PRICE_UNCHANGED", /already costs USD 99\.00/);
  });
});

describe("ChangePlanPrice's price list", () => {
  const data = { plan: "pro", interval: "monthly", unitPrice: 11900, reason: "Pricing 2026" };
  it("is the standard one, by default or by name: pricing reads no other", () => {
    expect(priceListCommandSchemas.ChangePlanPrice.parse(data).priceListId).toBe("standard");
    expect(priceListCommandSchemas.ChangePlanPrice.parse({ ...data, priceListId: "standard" }).priceListId).toBe(
      "standard",
    );
    expect(
      priceListCommandSchemas.ChangePlanPrice.safeParse({ ...data, priceListId: "eu" }).error?.issues,
    ).toMatchObject([{ path: ["priceListId"], message: 'there is one price list today: "standard"' }]);
  });

  it("may not be backdated", () => {
    expect(priceListCommandDefinitions.ChangePlanPrice.backdate).toBe(false);
  });
});

describe("priceAt", () => {
  const changes: PriceChange[] = [
    { plan: "pro", interval: "monthly", unitPrice: 11900, currency: "USD", effectiveFrom: JUNE },
    { plan: "pro", interval: "monthly", unitPrice: 12900, currency: "USD", effectiveFrom: "2027-01-01T00:00:00.000Z" },
  ];
  it("is the catalogue's price before the first change, then each change's from its date", () => {
    expect(priceAt(changes, "pro", "monthly", "2026-05-31T23:59:59.999Z")).toBe(9900);
    expect(priceAt(changes, "pro", "monthly", JUNE)).toBe(11900);
    expect(priceAt(changes, "pro", "monthly", "2027-03-01T00:00:00Z")).toBe(12900);
    expect(priceAt(changes, "pro", "annual", "2027-03-01T00:00:00Z")).toBe(99000);
    expect(priceAt(undefined, "starter", "monthly", JUNE)).toBe(2900);
  });
});

describe("subscriptions priced by the price list", () => {
  const prices: PriceChange[] = [
    { plan: "pro", interval: "monthly", unitPrice: 11900, currency: "USD", effectiveFrom: JUNE },
  ];
  const withPrices = <C extends { context: object }>(command: C) => ({
    ...command,
    context: { ...command.context, prices },
  });
  const purchase = (now: string) =>
    withPrices(sub("PurchasePlan", { plan: "pro", interval: "monthly", seats: 3 }, now, ["inv-1"]));

  it("a purchase before the change pays the old price, after it the new one", () => {
    const before = subscriptionDecider.decide(subscriptionDecider.initialState(), purchase("2026-05-31T10:00:00Z"));
    const after = subscriptionDecider.decide(subscriptionDecider.initialState(), purchase("2026-06-02T10:00:00Z"));
    expect(before[0]!.data).toMatchObject({ unitPrice: 9900 });
    expect(after[0]!.data).toMatchObject({ unitPrice: 11900 });
  });

  it("a renewal whose period starts after the change renews at the new price", () => {
    const mayPurchase = purchased({ periodStart: "2026-05-15T10:00:00.000Z", periodEnd: "2026-06-15T10:00:00.000Z" });
    const renewal = withPrices(sub("RenewSubscription", {}, "2026-06-15T10:00:00Z", ["inv-2"]));
    const [renewed] = subscriptionDecider.decide(
      [mayPurchase].reduce(subscriptionDecider.evolve, subscriptionDecider.initialState()),
      renewal,
    );
    expect(renewed).toMatchObject({
      type: "SubscriptionRenewed",
      data: { unitPrice: 11900, periodStart: "2026-06-15T10:00:00.000Z" },
    });
  });

  it("a trial converted after the change pays the new price", () => {
    const trial = subscriptionDecider.decide(
      subscriptionDecider.initialState(),
      sub("StartTrial", { plan: "pro", seats: 2 }, "2026-05-25T10:00:00Z"),
    );
    const state = trial.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState());
    const [converted] = subscriptionDecider.decide(
      state,
      withPrices(sub("ConvertTrial", { interval: "monthly" }, "2026-06-03T10:00:00Z", ["inv-9"])),
    );
    expect(converted).toMatchObject({ type: "TrialConverted", data: { unitPrice: 11900 } });
  });
});
