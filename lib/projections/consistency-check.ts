import type { Runtime } from "@/lib/server/runtime";
import { checkAccountSummary } from "./account-summary/consistency";
import { readProjectionHealth } from "./health";
import { checkInvoices } from "./invoices/consistency";
import { projectionByName } from "./registry";
import type { Difference } from "./shared/difference";

export interface ConsistencyReport {
  consistent: boolean;
  sample: number | "all";
  accountId: string | null;
  projections: string[];
  /** A lagging projection's unapplied events show up as differences: say so. */
  lagging: { name: string; lagEvents: number }[];
  differences: Difference[];
}

/**
 * Replays a sample of aggregates (all without `sample`, or one account's)
 * from their events with the domain's deciders and compares them with the
 * read models field by field.
 */
export async function runConsistencyCheck(
  runtime: Runtime,
  options: { sample?: number; accountId?: string | null } = {},
): Promise<ConsistencyReport> {
  const { sample, accountId } = options;
  const checked = [projectionByName("account-summary")!, projectionByName("invoices")!];
  const health = await readProjectionHealth(runtime, checked);
  const accounts = accountId ? [accountId] : "all";
  const invoiceIds = accountId
    ? (await runtime.db.prisma.rmInvoice.findMany({ where: { accountId }, select: { invoiceId: true } })).map(
        (r) => r.invoiceId,
      )
    : "all";
  const differences = [
    ...(await checkAccountSummary(runtime, accounts, sample)),
    ...(await checkInvoices(runtime, invoiceIds, sample)),
  ];
  return {
    consistent: differences.length === 0,
    sample: sample ?? "all",
    accountId: accountId ?? null,
    projections: checked.map((p) => p.name),
    lagging: health.filter((h) => h.lagEvents > 0).map((h) => ({ name: h.name, lagEvents: h.lagEvents })),
    differences,
  };
}
