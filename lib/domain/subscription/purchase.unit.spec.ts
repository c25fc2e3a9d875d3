import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import {
  ACCOUNT,
  at,
  canceled,
  cancellationScheduled,
  paused,
  purchased,
  sub,
  T0,
  T0_END,
  trialStarted,
} from "./test-fixtures";

const s = spec(subscriptionDecider);
const purchase = (now = T0, ids = ["inv-1"]) =>
  sub("PurchasePlan", { plan: "pro", interval: "monthly", seats: 3 }, now, ids);

describe("PurchasePlan", () => {
  it("starts a period at now, priced from the catalogue, with the first invoice's id", () => {
    s.given([]).when(purchase()).then([purchased()]);
  });

  it("bills an annual plan per seat per year, for 12 months", () => {
    s.given([])
      .when(sub("PurchasePlan", { plan: "starter", interval: "annual", seats: 2 }, "2024-02-29T00:00:00Z", ["inv-a"]))
      .then([
        purchased({
          plan: "starter",
          interval: "annual",
          unitPrice: 29000,
          seats: 2,
          periodStart: "2024-02-29T00:00:00.000Z",
          periodEnd: "2025-02-28T00:00:00.000Z",
          invoiceId: "inv-a",
        }),
      ]);
  });

  it("rejects a duplicate purchase while active", () => {
    s.given([purchased()])
      .when(purchase(at("2025-01-20")))
      .thenRejects("DUPLICATE_PURCHASE", /already has an active Pro subscription; upgrade or downgrade it instead/);
  });

  it("rejects a duplicate purchase while paused", () => {
    s.given([purchased(), paused()])
      .when(purchase(at("2025-01-21")))
      .thenRejects("DUPLICATE_PURCHASE", /paused Pro subscription; resume it/);
  });

  it("rejects a purchase during a trial (convert it instead)", () => {
    s.given([trialStarted()])
      .when(purchase(at("2025-01-20")))
      .thenRejects("DUPLICATE_PURCHASE", /convert the trial/);
  });

  it("allows a new purchase after a cancellation, using any account credit left", () => {
    const history = [purchased(), canceled(at("2025-01-20"))];
    s.given(history)
      .when(purchase(at("2025-03-01"), ["inv-9"]))
      .then([purchased({ periodStart: at("2025-03-01"), periodEnd: at("2025-04-01"), invoiceId: "inv-9" })]);
  });

  it("completes a cancellation that took effect but was not recorded yet, then purchases", () => {
    s.given([purchased(), cancellationScheduled(T0_END)])
      .when(purchase(at("2025-03-01"), ["inv-9"]))
      .then([
        { type: "SubscriptionCanceled", data: { accountId: ACCOUNT, canceledAt: T0_END } },
        purchased({ periodStart: at("2025-03-01"), periodEnd: at("2025-04-01"), invoiceId: "inv-9" }),
      ]);
  });

  it("still rejects while a scheduled cancellation has not taken effect", () => {
    s.given([purchased(), cancellationScheduled(T0_END)])
      .when(purchase(at("2025-02-01")))
      .thenRejects("DUPLICATE_PURCHASE");
  });
});

describe("StartTrial", () => {
  it("starts a 14-day trial by default", () => {
    s.given([])
      .when(sub("StartTrial", { plan: "pro", seats: 3 }, T0))
      .then([trialStarted()]);
  });

  it("rejects a second trial and trials after a subscription", () => {
    s.given([trialStarted()])
      .when(sub("StartTrial", { plan: "pro", seats: 3 }, T0))
      .thenRejects("TRIAL_ALREADY_STARTED");
    s.given([purchased()])
      .when(sub("StartTrial", { plan: "pro", seats: 3 }, T0))
      .thenRejects("TRIAL_NOT_AVAILABLE");
    s.given([purchased(), canceled()])
      .when(sub("StartTrial", { plan: "pro", seats: 3 }, at("2025-03-01")))
      .thenRejects("TRIAL_NOT_AVAILABLE");
  });

  it("rejects trials longer than 30 days at validation", () => {
    expect(() => sub("StartTrial", { plan: "pro", seats: 3, days: 45 }, T0)).toThrow(/at most 30 days/);
  });
});

describe("ConvertTrial", () => {
  it("starts the paid period at now with the trial's plan and seats, or the ones given", () => {
    s.given([trialStarted()])
      .when(sub("ConvertTrial", { interval: "annual", seats: 4 }, at("2025-01-20"), ["inv-t"]))
      .then([
        {
          type: "TrialConverted",
          data: {
            accountId: ACCOUNT,
            plan: "pro",
            interval: "annual",
            unitPrice: 99000,
            seats: 4,
            currency: "USD",
            periodStart: at("2025-01-20"),
            periodEnd: at("2026-01-20"),
            invoiceId: "inv-t",
          },
        },
      ]);
  });

  it("rejects when there is no trial", () => {
    s.given([purchased()])
      .when(sub("ConvertTrial", { interval: "monthly" }, at("2025-01-20"), ["x"]))
      .thenRejects("NOT_IN_TRIAL");
    s.given([])
      .when(sub("ConvertTrial", { interval: "monthly" }, at("2025-01-20"), ["x"]))
      .thenRejects("SUBSCRIPTION_NOT_FOUND");
  });

  it("rejects while the trial is set to be canceled, and after it was", () => {
    const scheduled = cancellationScheduled("2025-01-29T10:00:00.000Z", at("2025-01-16"));
    s.given([trialStarted(), scheduled])
      .when(sub("ConvertTrial", { interval: "monthly" }, at("2025-01-20"), ["x"]))
      .thenRejects("CANCELLATION_PENDING");
    s.given([trialStarted(), scheduled])
      .when(sub("ConvertTrial", { interval: "monthly" }, at("2025-02-01"), ["x"]))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });

  it("blocks plan and seat changes, coupons and pauses during the trial", () => {
    s.given([trialStarted()])
      .when(sub("UpgradePlan", { plan: "enterprise" }, at("2025-01-20"), ["x"]))
      .thenRejects("TRIAL_NOT_CONVERTED");
    s.given([trialStarted()])
      .when(sub("ChangeSeats", { seats: 5 }, at("2025-01-20"), ["x"]))
      .thenRejects("TRIAL_NOT_CONVERTED");
    s.given([trialStarted()])
      .when(sub("PauseSubscription", {}, at("2025-01-20")))
      .thenRejects("TRIAL_NOT_CONVERTED");
    s.given([trialStarted()])
      .when(sub("RenewSubscription", {}, at("2025-02-20"), ["x"]))
      .thenRejects("TRIAL_NOT_CONVERTED");
  });

  it("folds a converted trial into an active subscription whose period invoice can be credited in full", () => {
    const state = fold(subscriptionDecider, [
      trialStarted(),
      ...subscriptionDecider.decide(
        fold(subscriptionDecider, [trialStarted()]),
        sub("ConvertTrial", { interval: "monthly" }, at("2025-01-20"), ["inv-t"]),
      ),
    ]);
    expect(state).toMatchObject({
      status: "active",
      plan: "pro",
      seats: 3,
      periodInvoice: { invoiceId: "inv-t", creditable: 29700 },
    });
  });
});
