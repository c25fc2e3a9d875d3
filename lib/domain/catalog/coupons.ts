import { isBefore } from "../shared/time";

/** Coupons discount the subscription's period invoices (not proration charges). */
export type CouponDiscount =
  { kind: "percent"; percentOff: number } | { kind: "amount"; amountOff: number; currency: string };

export interface Coupon {
  code: string;
  discount: CouponDiscount;
  /** How many period invoices it discounts. */
  durationPeriods: number;
  /** Valid while now < expiresAt; null = never expires. */
  expiresAt: string | null;
  description: string;
}

export const COUPONS: readonly Coupon[] = [
  {
    code: "SAVE20",
    discount: { kind: "percent", percentOff: 20 },
    durationPeriods: 3,
    expiresAt: null,
    description: "20% off for 3 billing periods",
  },
  {
    code: "SPRING25",
    discount: { kind: "percent", percentOff: 25 },
    durationPeriods: 2,
    expiresAt: "2025-06-01T00:00:00.000Z",
    description: "25% off for 2 billing periods (expired 2025-06-01)",
  },
  {
    code: "TAKE10",
    discount: { kind: "amount", amountOff: 1000, currency: "USD" },
    durationPeriods: 1,
    expiresAt: null,
    description: "USD 10.00 off the next billing period",
  },
];

/** Codes are matched case-insensitively ("save20" finds SAVE20). */
export function findCoupon(code: string): Coupon | undefined {
  const wanted = code.trim().toUpperCase();
  return COUPONS.find((coupon) => coupon.code === wanted);
}

export function isCouponExpired(coupon: Coupon, now: string): boolean {
  return coupon.expiresAt !== null && !isBefore(now, coupon.expiresAt);
}
