import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import { InvalidInputError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { checkAccountSummary } from "@/lib/projections/account-summary/consistency";
import { readProjectionHealth } from "@/lib/projections/health";
import { checkInvoices } from "@/lib/projections/invoices/consistency";
import { projectionByName } from "@/lib/projections/registry";
import type { ApiDeps } from "./deps";

const ZQuery = z
  .object({
    sample: z.coerce.number().int().min(1).max(10_000).optional(),
    accountId: z.string().min(1).max(128).optional(),
  })
  .strict();

/**
 * GET /api/projections/consistency?sample=N (finance, admin): replays a sample
 * of aggregates (all without `sample`) from their events with the domain's
 * deciders and compares them with the read models, field by field.
 */
export function consistencyEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "verify");
    const query = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new InvalidInputError("Invalid query", zodIssues(query.error, "query"));
    const { sample, accountId } = query.data;
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
    return Response.json({
      consistent: differences.length === 0,
      sample: sample ?? "all",
      // A lagging projection's unapplied events show up as differences: say so.
      lagging: health.filter((h) => h.lagEvents > 0).map((h) => ({ name: h.name, lagEvents: h.lagEvents })),
      differences,
    });
  }, errorResponse);
}
