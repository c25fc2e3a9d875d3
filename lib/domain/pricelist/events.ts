import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZCurrency, ZMinorUnits } from "../billing/money";
import { ZBillingInterval, ZPlanCode } from "../catalog/plans";
import { ZEntityId, ZInstant } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";

/** A plan's price per seat per period changes from a date: purchases, conversions and renewals from then pay it. */
export const ZPlanPriceChanged = z
  .object({
    priceListId: ZEntityId,
    plan: ZPlanCode,
    interval: ZBillingInterval,
    /** Per seat per period, minor units. */
    unitPrice: ZMinorUnits,
    /** The price it replaces (in effect just before effectiveFrom). */
    previousUnitPrice: ZMinorUnits,
    currency: ZCurrency,
    effectiveFrom: ZInstant,
  })
  .strict();

export const priceListEventSchemas = { PlanPriceChanged: ZPlanPriceChanged };

export type PriceListEvent = EventUnionOf<typeof priceListEventSchemas>;

/** No personal data in price-list events. */
export const priceListEventDefinitions: EventDefinition[] = eventDefinitionsOf(priceListEventSchemas);
