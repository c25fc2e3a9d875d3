import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import { InvalidInputError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { runConsistencyCheck } from "@/lib/projections/consistency-check";
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
 * deciders and compares them with the read models, field by field. A read:
 * the console's "run a consistency check" also records who ran it and why.
 */
export function consistencyEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "verify");
    const query = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new InvalidInputError("Invalid query", zodIssues(query.error, "query"));
    const { consistent, sample, lagging, differences } = await runConsistencyCheck(runtime, query.data);
    return Response.json({ consistent, sample, lagging, differences });
  }, errorResponse);
}
