import { formatMoney, percentOf } from "./money";

/** A coupon as the subscription holds it (plain JSON). */
export interface ActiveCoupon {
  code: string;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  /** Period invoices it will still discount. */
  periodsRemaining: number;
}

/** The discount a coupon gives on one period invoice, as recorded in the period's event. */
export interface PeriodDiscount {
  code: string;
  percentOff: number | null;
  amountOff: number | null;
  /** Minor units taken off this period (positive). */
  amount: number;
  /** Period invoices the coupon still discounts after this one (0 = it ends). */
  periodsRemaining: number;
}

export interface PeriodCharge {
  /** unitPrice * seats */
  subtotal: number;
  discount: PeriodDiscount | null;
  /** Account credit (from earlier downgrades) used on this invoice. */
  creditApplied: number;
  /** subtotal - discount - creditApplied, never below 0. */
  total: number;
}

/**
 * What a period invoice charges: the plan for all seats, less the coupon
 * (percent rounded half away from zero; a fixed amount never takes more than
 * the subtotal), less account credit (never more than what is left).
 */
export function periodCharge(
  unitPrice: number,
  seats: number,
  coupon: ActiveCoupon | null,
  accountCredit: number,
): PeriodCharge {
  const subtotal = unitPrice * seats;
  let discount: PeriodDiscount | null = null;
  if (coupon && coupon.periodsRemaining > 0) {
    const amount =
      coupon.percentOff !== null ? percentOf(subtotal, coupon.percentOff) : Math.min(coupon.amountOff ?? 0, subtotal);
    discount = {
      code: coupon.code,
      percentOff: coupon.percentOff,
      amountOff: coupon.amountOff,
      amount,
      periodsRemaining: coupon.periodsRemaining - 1,
    };
  }
  const afterDiscount = subtotal - (discount?.amount ?? 0);
  const creditApplied = Math.min(Math.max(0, accountCredit), afterDiscount);
  return { subtotal, discount, creditApplied, total: afterDiscount - creditApplied };
}

export function describeCoupon(
  coupon: { code: string; percentOff: number | null; amountOff: number | null },
  currency: string,
): string {
  return coupon.percentOff !== null
    ? `${coupon.code} (${coupon.percentOff}% off)`
    : `${coupon.code} (${formatMoney(coupon.amountOff ?? 0, currency)} off)`;
}
