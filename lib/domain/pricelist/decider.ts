import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { priceListCommandSchemas, type PriceListCommand } from "./commands";
import { decidePriceList } from "./decide";
import type { PriceListEvent } from "./events";
import { evolvePriceList } from "./evolve";
import { initialPriceListState, type PriceListState } from "./state";

export const priceListDecider: Decider<PriceListCommand, PriceListEvent, PriceListState> = {
  initialState: initialPriceListState,
  decide: decidePriceList,
  evolve: evolvePriceList,
};

/**
 * Stream `pricelist-<priceListId>`. Admins only: it changes what every customer pays from its date.
 * Never backdated: a stated past time would let a change reach back over what was already charged.
 */
export const priceListCommandDefinitions = defineCommands("pricelist", priceListCommandSchemas, priceListDecider, {
  ChangePlanPrice: { targetKey: "priceListId", creates: true, catalog: true, backdate: false },
});
