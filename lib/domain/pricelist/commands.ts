import { z } from "zod";
import { ZBillingInterval, ZPlanCode } from "../catalog/plans";
import { ZInstantInput, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

/** There is one price list today; its id is in the data so a second one (a region, a partner) needs no new command. */
export const STANDARD_PRICE_LIST = "standard";

/** A price list's events form a timeline of their own: no customer account may take such an id. */
export const priceListAccountId = (priceListId: string) => `pricelist-${priceListId}`;
export const isPriceListAccountId = (accountId: string) => accountId.startsWith(priceListAccountId(""));

export const ZChangePlanPrice = z
  .object({
    // Only the list that pricing reads: a change to any other would be accepted and never used.
    priceListId: z
      .literal(STANDARD_PRICE_LIST, { error: `there is one price list today: "${STANDARD_PRICE_LIST}"` })
      .default(STANDARD_PRICE_LIST),
    plan: ZPlanCode,
    interval: ZBillingInterval,
    unitPrice: z
      .number({ error: "unitPrice must be a number of minor units" })
      .int({ error: "unitPrice must be a whole number of minor units (e.g. 11900 for 119.00)" })
      .min(1, { error: "unitPrice must be at least 1" })
      .max(100_000_000),
    /** Defaults to now. */
    effectiveFrom: ZInstantInput.optional(),
    reason: ZReason,
  })
  .strict();

export const priceListCommandSchemas = { ChangePlanPrice: ZChangePlanPrice };

export type PriceListCommand = CommandUnionOf<typeof priceListCommandSchemas>;
