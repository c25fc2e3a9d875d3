import { requirePermission } from "@/lib/auth/permissions";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { updateProjectionGauges } from "@/lib/metrics/projection-gauges";
import { metrics } from "@/lib/metrics/registry";
import { logConsumers } from "@/lib/server/projector";
import type { ApiDeps } from "./deps";

/** GET /api/metrics: Prometheus text format (any valid token; scrape with a read-only one). */
export function metricsEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    await updateProjectionGauges(runtime, logConsumers(runtime));
    const { registry } = metrics();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
  }, errorResponse);
}
