import { priceListAccountId } from "./commands";
import type { PriceListEvent } from "./events";
import type { PriceListState } from "./state";

/** Applies a recorded price change, keeping the changes in the order they take effect. */
export function evolvePriceList(state: PriceListState, event: PriceListEvent): PriceListState {
  const { priceListId, plan, interval, unitPrice, currency, effectiveFrom } = event.data;
  const changes = [...state.changes, { plan, interval, unitPrice, currency, effectiveFrom }].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  return { priceListId, accountId: priceListAccountId(priceListId), changes };
}
