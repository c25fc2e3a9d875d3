import { findCoupon, isCouponExpired } from "../catalog/coupons";
import { nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import { utcDate } from "../shared/time";
import type { SubscriptionCommandOf } from "./commands";
import type { SubscriptionEvent } from "./events";
import { requireNotCanceled } from "./guards";
import type { SubscriptionState } from "./state";

export function decideApplyCoupon(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"ApplyCoupon">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  if (state.status === "none" || state.status === "trialing") {
    reject(
      "COUPON_REQUIRES_PURCHASE",
      state.status === "none"
        ? "A coupon can only be applied to a purchased plan; this account has not purchased one yet."
        : "A coupon can only be applied to a purchased plan; convert the trial first.",
    );
  }
  requireNotCanceled(state, now, "apply a coupon");
  const coupon = findCoupon(command.data.code);
  if (!coupon) reject("COUPON_UNKNOWN", `We don't recognise the coupon code ${command.data.code}; check the spelling.`);
  if (isCouponExpired(coupon, now)) {
    reject(
      "COUPON_EXPIRED",
      `The coupon ${coupon.code} expired on ${utcDate(coupon.expiresAt ?? now)} and can no longer be used.`,
    );
  }
  if (state.coupon) {
    reject(
      "COUPON_ALREADY_ACTIVE",
      `The coupon ${state.coupon.code} is already active on this subscription; only one coupon can be active at a time. Remove it first.`,
      { activeCoupon: state.coupon.code },
    );
  }
  const { discount } = coupon;
  if (discount.kind === "amount" && discount.currency !== state.currency) {
    reject(
      "COUPON_CURRENCY_MISMATCH",
      `The coupon ${coupon.code} is in ${discount.currency}, but this subscription is billed in ${state.currency}.`,
    );
  }
  return [
    {
      type: "CouponApplied",
      data: {
        accountId: state.accountId,
        code: coupon.code,
        ...(discount.kind === "percent"
          ? { percentOff: discount.percentOff }
          : { amountOff: discount.amountOff, currency: discount.currency }),
        durationPeriods: coupon.durationPeriods,
        appliedAt: now,
      },
    },
  ];
}

export function decideRemoveCoupon(
  state: SubscriptionState,
  command: SubscriptionCommandOf<"RemoveCoupon">,
): SubscriptionEvent[] {
  const now = nowOf(command);
  requireNotCanceled(state, now, "remove a coupon");
  if (state.status === "trialing" || !state.coupon) {
    reject("NO_ACTIVE_COUPON", "This subscription has no active coupon to remove.");
  }
  return [{ type: "CouponRemoved", data: { accountId: state.accountId, code: state.coupon.code, removedAt: now } }];
}
