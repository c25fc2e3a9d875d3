import { formatMoney } from "../billing/money";
import { PLANS } from "../catalog/plans";
import { nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import { isBefore, normalizeInstant, utcDate } from "../shared/time";
import type { PriceListCommand } from "./commands";
import type { PriceListEvent } from "./events";
import { priceAt, type PriceListState } from "./state";

/**
 * A price change takes effect from now or a later date (what was charged
 * before stays charged); it must change the price in effect then.
 */
export function decidePriceList(state: PriceListState, command: PriceListCommand): PriceListEvent[] {
  const now = nowOf(command);
  const { priceListId, plan, interval, unitPrice } = command.data;
  const effectiveFrom = normalizeInstant(command.data.effectiveFrom ?? now);
  if (isBefore(effectiveFrom, now)) {
    reject(
      "PRICE_CHANGE_IN_THE_PAST",
      `A price change can take effect from now on, not from ${utcDate(effectiveFrom)}: what was charged before keeps its price.`,
      { effectiveFrom },
    );
  }
  const currency = PLANS[plan].currency;
  const previousUnitPrice = priceAt(state.changes, plan, interval, effectiveFrom);
  if (previousUnitPrice === unitPrice) {
    reject(
      "PRICE_UNCHANGED",
      `${PLANS[plan].name} (${interval}) already costs ${formatMoney(unitPrice, currency)} per seat from ${utcDate(effectiveFrom)}.`,
      { plan, interval, unitPrice },
    );
  }
  return [
    {
      type: "PlanPriceChanged",
      data: { priceListId, plan, interval, unitPrice, previousUnitPrice, currency, effectiveFrom },
    },
  ];
}
