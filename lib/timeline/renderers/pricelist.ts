import type { PriceListEvent } from "@/lib/domain";
import { day, money, plan, type RenderersOf } from "./format";

export const priceListRenderers: RenderersOf<PriceListEvent> = {
  PlanPriceChanged: (d) =>
    `changed the ${plan(d.plan)} (${d.interval}) price from ${money(d.previousUnitPrice, d.currency)} to ` +
    `${money(d.unitPrice, d.currency)} per seat, effective ${day(d.effectiveFrom)}`,
};
