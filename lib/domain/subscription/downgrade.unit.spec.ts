import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import {
  ACCOUNT,
  annualEnterprise,
  at,
  canceled,
  cancellationScheduled,
  MID,
  prorationApplied,
  purchased,
  sub,
  T0,
} from "./test-fixtures";

const s = spec(subscriptionDecider);

describe("DowngradePlan", () => {
  it("downgrades an active annual plan now with a credit against the current period's invoice", () => {
    // (99000 - 499000) * 2 * 265 / 365 = -580821.9... -> -580822
    const now = "2025-04-11T08:00:00.000Z";
    s.given([annualEnterprise()])
      .when(sub("DowngradePlan", { plan: "pro", when: "now" }, now))
      .then([
        {
          type: "PlanDowngraded",
          data: {
            accountId: ACCOUNT,
            fromPlan: "enterprise",
            toPlan: "pro",
            unitPrice: 99000,
            when: "now",
            effectiveAt: now,
          },
        },
        prorationApplied({
          reason: "downgrade",
          amount: -580822,
          interval: "annual",
          fromPlan: "enterprise",
          toPlan: "pro",
          unitPriceBefore: 499000,
          unitPriceAfter: 99000,
          seatsBefore: 2,
          seatsAfter: 2,
          periodStart: "2025-01-01T00:00:00.000Z",
          periodEnd: "2026-01-01T00:00:00.000Z",
          changedAt: now,
          daysUsed: 100,
          daysRemaining: 265,
          periodDays: 365,
          creditInvoiceId: "inv-annual",
          creditedAmount: 580822,
        }),
      ]);
  });

  it("schedules a period-end downgrade without proration; it applies at renewal", () => {
    s.given([annualEnterprise()])
      .when(sub("DowngradePlan", { plan: "starter", when: "period_end" }, "2025-04-11T08:00:00Z"))
      .then([
        {
          type: "PlanDowngraded",
          data: {
            accountId: ACCOUNT,
            fromPlan: "enterprise",
            toPlan: "starter",
            unitPrice: 29000,
            when: "period_end",
            effectiveAt: "2026-01-01T00:00:00.000Z",
          },
        },
      ]);
  });

  it("is not allowed once a cancellation is effective", () => {
    s.given([annualEnterprise(), canceled("2025-03-01T00:00:00.000Z")])
      .when(sub("DowngradePlan", { plan: "pro", when: "now" }, "2025-04-11T08:00:00Z"))
      .thenRejects("SUBSCRIPTION_CANCELED");
    s.given([purchased(), cancellationScheduled(at("2025-01-22"))])
      .when(sub("DowngradePlan", { plan: "starter", when: "period_end" }, at("2025-01-23")))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });

  it("can't be scheduled for the period end while a cancellation is pending", () => {
    s.given([purchased(), cancellationScheduled()])
      .when(sub("DowngradePlan", { plan: "starter", when: "period_end" }, MID))
      .thenRejects("CANCELLATION_PENDING", /revoke the cancellation/);
  });

  it("rejects a plan that is not smaller, and the same scheduled downgrade twice", () => {
    s.given([purchased()])
      .when(sub("DowngradePlan", { plan: "enterprise", when: "now" }, MID))
      .thenRejects("PLAN_NOT_A_DOWNGRADE");
    const scheduled = subscriptionDecider.decide(
      fold(subscriptionDecider, [purchased()]),
      sub("DowngradePlan", { plan: "starter", when: "period_end" }, MID),
    );
    s.given([purchased(), ...scheduled])
      .when(sub("DowngradePlan", { plan: "starter", when: "period_end" }, MID))
      .thenRejects("DOWNGRADE_ALREADY_SCHEDULED");
  });

  it("credits at most what the period invoice can take and carries the rest as account credit", () => {
    // Starter (2900, inv-1) upgraded to Enterprise on day 0 (47000 charged on inv-2), then back down the same day.
    const history = [purchased({ plan: "starter", unitPrice: 2900, seats: 1 })];
    const up = subscriptionDecider.decide(
      fold(subscriptionDecider, history),
      sub("UpgradePlan", { plan: "enterprise" }, T0, ["inv-2"]),
    );
    const afterUp = [...history, ...up];
    const down = subscriptionDecider.decide(
      fold(subscriptionDecider, afterUp),
      sub("DowngradePlan", { plan: "starter", when: "now" }, T0),
    );
    expect(down[1]).toMatchObject({
      data: { amount: -47000, creditInvoiceId: "inv-1", creditedAmount: 2900, creditCarriedForward: 44100 },
    });
    const state = fold(subscriptionDecider, [...afterUp, ...down]);
    expect(state).toMatchObject({
      plan: "starter",
      accountCredit: 44100,
      periodInvoice: { invoiceId: "inv-1", creditable: 0 },
    });
    // A second credit has nothing left to credit on inv-1: no creditInvoiceId at all.
    const seats = subscriptionDecider.decide(state, sub("ChangeSeats", { seats: 2 }, T0, ["inv-3"]));
    const fewer = subscriptionDecider.decide(
      fold(subscriptionDecider, [...afterUp, ...down, ...seats]),
      sub("ChangeSeats", { seats: 1 }, T0),
    );
    expect(fewer[1]?.data).not.toHaveProperty("creditInvoiceId");
    expect(fewer[1]).toMatchObject({ data: { amount: -2900, creditedAmount: 0, creditCarriedForward: 2900 } });
  });
});
