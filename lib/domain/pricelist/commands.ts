import { z } from "zod";
import { ZBillingInterval, ZPlanCode } from "../catalog/plans";
import { ZEntityId, ZInstantInput, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

/** There is one price list today; its id is in the data so a second one (a region, a partner) needs no new command. */
export const STANDARD_PRICE_LIST = "standard";

export const ZChangePlanPrice = z
  .object({
    priceListId: ZEntityId.default(STANDARD_PRICE_LIST),
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
