import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import {
  ACCOUNT,
  at,
  canceled,
  cancellationScheduled,
  MID,
  paused,
  prorationApplied,
  purchased,
  sub,
} from "./test-fixtures";

const s = spec(subscriptionDecider);

describe("UpgradePlan", () => {
  it("upgrades and charges the prorated difference on a new invoice", () => {
    // (49900 - 9900) * 3 * 21 / 31 = 81290.32... -> 81290
    s.given([purchased()])
      .when(sub("UpgradePlan", { plan: "enterprise" }, MID, ["inv-2"]))
      .then([
        {
          type: "PlanUpgraded",
          data: {
            accountId: ACCOUNT,
            fromPlan: "pro",
            toPlan: "enterprise",
            unitPriceBefore: 9900,
            unitPrice: 49900,
            upgradedAt: MID,
          },
        },
        prorationApplied({ toPlan: "enterprise", unitPriceAfter: 49900, amount: 81290, chargeInvoiceId: "inv-2" }),
      ]);
  });

  it("rounds the prorated amount half away from zero (225.81 -> 226)", () => {
    // Starter -> Pro, 1 seat, 1 of 31 days left: 7000 / 31 = 225.806...
    const history = [purchased({ plan: "starter", unitPrice: 2900, seats: 1 })];
    const [, charge] = subscriptionDecider.decide(
      fold(subscriptionDecider, history),
      sub("UpgradePlan", { plan: "pro" }, "2025-02-14T23:00:00Z", ["inv-2"]),
    );
    expect(charge).toMatchObject({ data: { amount: 226, daysUsed: 30, daysRemaining: 1, periodDays: 31 } });
  });

  it("rejects after the cancellation is effective, recorded or not", () => {
    s.given([purchased(), canceled()])
      .when(sub("UpgradePlan", { plan: "enterprise" }, at("2025-01-21"), ["inv-2"]))
      .thenRejects("SUBSCRIPTION_CANCELED", /canceled effective 2025-01-20, so we can't upgrade it/);
    s.given([purchased(), cancellationScheduled(at("2025-01-22"))])
      .when(sub("UpgradePlan", { plan: "enterprise" }, at("2025-01-22"), ["inv-2"]))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });

  it("is allowed while a cancellation is scheduled but not yet effective", () => {
    const events = subscriptionDecider.decide(
      fold(subscriptionDecider, [purchased(), cancellationScheduled()]),
      sub("UpgradePlan", { plan: "enterprise" }, MID, ["inv-2"]),
    );
    expect(events.map((e) => e.type)).toEqual(["PlanUpgraded", "ProrationApplied"]);
  });

  it("rejects a plan that is not bigger, without a subscription, and while paused", () => {
    s.given([purchased()])
      .when(sub("UpgradePlan", { plan: "pro" }, MID, ["x"]))
      .thenRejects("PLAN_NOT_AN_UPGRADE", /already on Pro/);
    s.given([purchased()])
      .when(sub("UpgradePlan", { plan: "starter" }, MID, ["x"]))
      .thenRejects("PLAN_NOT_AN_UPGRADE", /use a downgrade/);
    s.given([])
      .when(sub("UpgradePlan", { plan: "pro" }, MID, ["x"]))
      .thenRejects("SUBSCRIPTION_NOT_FOUND");
    s.given([purchased(), paused()])
      .when(sub("UpgradePlan", { plan: "enterprise" }, MID, ["x"]))
      .thenRejects("SUBSCRIPTION_PAUSED");
  });

  it("records no proration when nothing of the period is left", () => {
    s.given([purchased()])
      .when(sub("UpgradePlan", { plan: "enterprise" }, "2025-02-15T11:00:00Z", ["inv-2"]))
      .then([
        {
          type: "PlanUpgraded",
          data: {
            accountId: ACCOUNT,
            fromPlan: "pro",
            toPlan: "enterprise",
            unitPriceBefore: 9900,
            unitPrice: 49900,
            upgradedAt: "2025-02-15T11:00:00.000Z",
          },
        },
      ]);
  });
});
