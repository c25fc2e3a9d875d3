import { accountSummaryProjection } from "./account-summary/projection";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { customerLifecycleProjection } from "./customer-lifecycle/projection";
import { invoicesProjection } from "./invoices/projection";
import { revenueMovementsProjection } from "./revenue-movements/projection";
import { trialConversionsProjection } from "./trial-conversions/projection";
import type { Projection } from "./types";

/** Every read model the engine keeps up to date (docs/read-models.md). */
export const projections: Projection[] = [
  accountSummaryProjection,
  accountTimelineProjection,
  invoicesProjection,
  revenueMovementsProjection,
  customerLifecycleProjection,
  trialConversionsProjection,
];

const byName = new Map(projections.map((p) => [p.name, p]));
const owners = new Map<string, string>();
for (const projection of projections) {
  for (const table of projection.tables) {
    const owner = owners.get(table);
    if (owner) throw new Error(`Table ${table} belongs to both ${owner} and ${projection.name}`);
    owners.set(table, projection.name);
  }
}
if (byName.size !== projections.length) throw new Error("Two projections share a name");

export function projectionByName(name: string): Projection | undefined {
  return byName.get(name);
}
