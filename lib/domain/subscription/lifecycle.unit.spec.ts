import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import type { SubscriptionEvent } from "./events";
import {
  ACCOUNT,
  at,
  canceled,
  cancellationScheduled,
  couponApplied,
  paused,
  purchased,
  sub,
  T0_END,
  trialStarted,
} from "./test-fixtures";

const s = spec(subscriptionDecider);
const MARCH_15 = "2025-03-15T10:00:00.000Z";
const renewal = (
  data: Partial<Extract<SubscriptionEvent, { type: "SubscriptionRenewed" }>["data"]> = {},
): SubscriptionEvent => ({
  type: "SubscriptionRenewed",
  data: {
    accountId: ACCOUNT,
    plan: "pro",
    interval: "monthly",
    unitPrice: 9900,
    seats: 3,
    currency: "USD",
    periodStart: T0_END,
    periodEnd: MARCH_15,
    invoiceId: "inv-2",
    discount: null,
    creditApplied: 0,
    downgradedFrom: null,
    ...data,
  },
});

describe("PauseSubscription / ResumeSubscription", () => {
  it("pauses an active subscription", () => {
    s.given([purchased()])
      .when(sub("PauseSubscription", {}, at("2025-01-20")))
      .then([paused()]);
  });

  it("rejects pausing twice, and pausing after cancellation", () => {
    s.given([purchased(), paused()])
      .when(sub("PauseSubscription", {}, at("2025-01-21")))
      .thenRejects("SUBSCRIPTION_ALREADY_PAUSED");
    s.given([purchased(), canceled()])
      .when(sub("PauseSubscription", {}, at("2025-01-21")))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });

  it("resumes with a fresh full period starting now and that period's invoice", () => {
    const now = "2025-03-03T08:00:00.000Z";
    s.given([purchased(), paused(), couponApplied()])
      .when(sub("ResumeSubscription", {}, now, ["inv-3"]))
      .then([
        {
          type: "SubscriptionResumed",
          data: {
            ...renewal().data,
            periodStart: now,
            periodEnd: "2025-04-03T08:00:00.000Z",
            invoiceId: "inv-3",
            discount: { code: "SAVE20", percentOff: 20, amountOff: null, amount: 5940, periodsRemaining: 2 },
            resumedAt: now,
          },
        } as SubscriptionEvent,
      ]);
  });

  it("rejects resuming what is not paused, and while a cancellation is pending", () => {
    s.given([purchased()])
      .when(sub("ResumeSubscription", {}, at("2025-01-21"), ["x"]))
      .thenRejects("SUBSCRIPTION_NOT_PAUSED");
    s.given([purchased(), paused(), cancellationScheduled(T0_END, at("2025-01-21"))])
      .when(sub("ResumeSubscription", {}, at("2025-01-22"), ["x"]))
      .thenRejects("CANCELLATION_PENDING");
  });
});

describe("RenewSubscription", () => {
  it("starts the next period at the end of the current one and uses a coupon period", () => {
    s.given([purchased(), couponApplied()])
      .when(sub("RenewSubscription", {}, "2025-02-15T10:00:05Z", ["inv-2"]))
      .then([
        renewal({ discount: { code: "SAVE20", percentOff: 20, amountOff: null, amount: 5940, periodsRemaining: 2 } }),
      ]);
  });

  it("drops the coupon after its last period", () => {
    const history: SubscriptionEvent[] = [purchased(), couponApplied("SAVE20", 20, 1)];
    const events = subscriptionDecider.decide(
      fold(subscriptionDecider, history),
      sub("RenewSubscription", {}, T0_END, ["inv-2"]),
    );
    expect(events[0]).toMatchObject({ data: { discount: { periodsRemaining: 0 } } });
    expect(fold(subscriptionDecider, [...history, ...events])).toMatchObject({ coupon: null });
  });

  it("applies a scheduled downgrade at renewal", () => {
    const downgrade: SubscriptionEvent = {
      type: "PlanDowngraded",
      data: {
        accountId: ACCOUNT,
        fromPlan: "pro",
        toPlan: "starter",
        unitPrice: 2900,
        when: "period_end",
        effectiveAt: T0_END,
      },
    };
    s.given([purchased(), downgrade])
      .when(sub("RenewSubscription", {}, T0_END, ["inv-2"]))
      .then([renewal({ plan: "starter", unitPrice: 2900, downgradedFrom: "pro" })]);
  });

  it("uses account credit on the next period invoice", () => {
    const history: SubscriptionEvent[] = [purchased({ plan: "starter", unitPrice: 2900, seats: 1 })];
    const up = subscriptionDecider.decide(
      fold(subscriptionDecider, history),
      sub("UpgradePlan", { plan: "enterprise" }, at("2025-01-15", "11:00:00"), ["u"]),
    );
    const down = subscriptionDecider.decide(
      fold(subscriptionDecider, [...history, ...up]),
      sub("DowngradePlan", { plan: "starter", when: "now" }, at("2025-01-15", "12:00:00")),
    );
    const renewed = subscriptionDecider.decide(
      fold(subscriptionDecider, [...history, ...up, ...down]),
      sub("RenewSubscription", {}, T0_END, ["inv-2"]),
    );
    expect(renewed[0]).toMatchObject({ data: { plan: "starter", creditApplied: 2900 } });
    expect(fold(subscriptionDecider, [...history, ...up, ...down, ...renewed])).toMatchObject({ accountCredit: 41200 });
  });

  it("rejects before the period ends, while paused, in a trial and after cancellation", () => {
    s.given([purchased()])
      .when(sub("RenewSubscription", {}, at("2025-02-14"), ["x"]))
      .thenRejects("RENEWAL_NOT_DUE", /runs until 2025-02-15/);
    s.given([purchased(), paused()])
      .when(sub("RenewSubscription", {}, at("2025-02-20"), ["x"]))
      .thenRejects("SUBSCRIPTION_PAUSED", /not renewed or billed/);
    s.given([trialStarted()])
      .when(sub("RenewSubscription", {}, at("2025-02-20"), ["x"]))
      .thenRejects("TRIAL_NOT_CONVERTED");
    s.given([purchased(), cancellationScheduled()])
      .when(sub("RenewSubscription", {}, T0_END, ["x"]))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });
});
