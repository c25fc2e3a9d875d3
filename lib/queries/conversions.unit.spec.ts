import { describe, expect, test } from "vitest";
import { type BillingInterval, type PlanCode, unitPriceOf } from "@/lib/domain/catalog/plans";
import type { PriceListEvent } from "@/lib/domain/pricelist/events";
import { evolvePriceList } from "@/lib/domain/pricelist/evolve";
import { initialPriceListState, priceAt } from "@/lib/domain/pricelist/state";
import type { TrialConversion } from "@/lib/projections/trial-conversions/queries";
import type { TimelineEntry } from "@/lib/timeline/entry";
import { changeInEffect, inEffectiveOrder } from "./conversions";

const at = (day: number) => new Date(Date.UTC(2026, 5, day, 10)).toISOString();

// Recorded in this order (positions 1..5): later effective dates first, and a tie on day 20.
const recorded: PriceListEvent["data"][] = [
  [30, 12900],
  [20, 11900],
  [20, 11500],
  [10, 10900],
].map(([day, unitPrice]) => ({
  priceListId: "standard",
  plan: "pro",
  interval: "monthly",
  unitPrice: unitPrice!,
  previousUnitPrice: 9900,
  currency: "USD",
  effectiveFrom: at(day!),
}));
recorded.push({ ...recorded[0]!, interval: "annual", unitPrice: 99000, effectiveFrom: at(5) });

const entries = recorded.map((data, i) => ({ position: i + 1, data }) as unknown as TimelineEntry);
const domain = recorded.reduce(
  (state, data) => evolvePriceList(state, { type: "PlanPriceChanged", data } as PriceListEvent),
  initialPriceListState(),
);

describe("changeInEffect", () => {
  test("names the change whose price the domain's priceAt charges, at every moment", () => {
    const changes = inEffectiveOrder(entries);
    for (const interval of ["monthly", "annual"] as BillingInterval[]) {
      for (let day = 1; day <= 31; day++) {
        for (const when of [at(day), new Date(Date.parse(at(day)) - 1).toISOString()]) {
          const c = { plan: "pro", interval, convertedAt: when } as TrialConversion;
          const found = changeInEffect(changes, c);
          const price = found ? changes.find((d) => d.position === found.position)!.unitPrice : null;
          expect(price ?? unitPriceOf("pro" as PlanCode, interval), `${interval} ${when}`).toBe(
            priceAt(domain.changes, "pro", interval, when),
          );
        }
      }
    }
  });

  test("a tie on the effective date goes to the change recorded later", () => {
    const c = { plan: "pro", interval: "monthly", convertedAt: at(25) } as TrialConversion;
    expect(changeInEffect(inEffectiveOrder(entries), c)).toEqual({ effectiveFrom: at(20), position: 3 });
  });
});
