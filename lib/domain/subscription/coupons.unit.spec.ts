import { describe, it } from "vitest";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import {
  ACCOUNT,
  at,
  canceled,
  cancellationScheduled,
  couponApplied,
  paused,
  purchased,
  sub,
  trialStarted,
} from "./test-fixtures";

const s = spec(subscriptionDecider);
const NOW = at("2025-01-16");
const apply = (code: string, now = NOW) => sub("ApplyCoupon", { code }, now);

describe("ApplyCoupon", () => {
  it("applies SAVE20: 20% off the next 3 period invoices", () => {
    s.given([purchased()]).when(apply("SAVE20")).then([couponApplied()]);
  });

  it("matches codes case-insensitively and applies fixed-amount coupons with their currency", () => {
    s.given([purchased()])
      .when(apply(" take10 "))
      .then([
        {
          type: "CouponApplied",
          data: {
            accountId: ACCOUNT,
            code: "TAKE10",
            amountOff: 1000,
            currency: "USD",
            durationPeriods: 1,
            appliedAt: NOW,
          },
        },
      ]);
  });

  it("can be applied to a paused subscription (it discounts the invoice at resume)", () => {
    s.given([purchased(), paused()]).when(apply("SAVE20")).then([couponApplied()]);
  });

  it("rejects a coupon before a purchase, and during a trial", () => {
    s.given([])
      .when(apply("SAVE20"))
      .thenRejects("COUPON_REQUIRES_PURCHASE", /has not purchased one yet/);
    s.given([trialStarted()])
      .when(apply("SAVE20"))
      .thenRejects("COUPON_REQUIRES_PURCHASE", /convert the trial/);
  });

  it("rejects unknown and expired codes", () => {
    s.given([purchased()])
      .when(apply("FREEMONEY"))
      .thenRejects("COUPON_UNKNOWN", /don't recognise the coupon code FREEMONEY/);
    s.given([purchased()])
      .when(apply("SPRING25", "2025-06-01T00:00:00Z"))
      .thenRejects("COUPON_EXPIRED", /expired on 2025-06-01/);
  });

  it("accepts SPRING25 before it expired", () => {
    s.given([purchased()])
      .when(apply("SPRING25", "2025-05-31T23:59:59.999Z"))
      .then([
        {
          type: "CouponApplied",
          data: {
            accountId: ACCOUNT,
            code: "SPRING25",
            percentOff: 25,
            durationPeriods: 2,
            appliedAt: "2025-05-31T23:59:59.999Z",
          },
        },
      ]);
  });

  it("rejects a fixed-amount coupon in another currency than the subscription's", () => {
    s.given([purchased({ currency: "EUR" })])
      .when(apply("TAKE10"))
      .thenRejects("COUPON_CURRENCY_MISMATCH", /in USD, but this subscription is billed in EUR/);
  });

  it("rejects a second coupon while one is active", () => {
    s.given([purchased(), couponApplied()])
      .when(apply("TAKE10"))
      .thenRejects("COUPON_ALREADY_ACTIVE", /SAVE20 is already active/);
  });

  it("rejects a coupon once the cancellation is effective", () => {
    s.given([purchased(), canceled()])
      .when(apply("SAVE20", at("2025-01-21")))
      .thenRejects("SUBSCRIPTION_CANCELED");
    s.given([purchased(), cancellationScheduled(at("2025-01-21"))])
      .when(apply("SAVE20", at("2025-01-21")))
      .thenRejects("SUBSCRIPTION_CANCELED");
  });
});

describe("RemoveCoupon", () => {
  it("removes the active coupon", () => {
    s.given([purchased(), couponApplied()])
      .when(sub("RemoveCoupon", {}, at("2025-01-17")))
      .then([{ type: "CouponRemoved", data: { accountId: ACCOUNT, code: "SAVE20", removedAt: at("2025-01-17") } }]);
  });

  it("rejects when there is none", () => {
    s.given([purchased()])
      .when(sub("RemoveCoupon", {}, NOW))
      .thenRejects("NO_ACTIVE_COUPON");
    s.given([])
      .when(sub("RemoveCoupon", {}, NOW))
      .thenRejects("SUBSCRIPTION_NOT_FOUND");
  });
});
