import { requirePermission } from "@/lib/auth/permissions";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store/registry";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate, parseJson, readRawBody } from "@/lib/http/request";
import { streamingResponse } from "@/lib/http/stream";
import { readRunProgress, RESULT_COLUMNS, resultBatches } from "@/lib/queries/reconciliation";
import { csvChunks } from "@/lib/timeline/export-formats";
import { startReconciliation } from "@/lib/verification/jobs";
import { startRequestOf, ZStartReconciliation } from "@/lib/verification/start-request";
import type { ApiDeps } from "./deps";

type RunParams = { params: Promise<{ runId: string }> };
const noStore = { "cache-control": "no-store" };

/**
 * POST /api/finance/reconciliation { period: "YYYY-MM" } or { from, to } (days, inclusive), optional asOf:
 * starts (or joins, or resumes) the period's reconciliation in the background; 202 with the run and where to
 * follow it (finance, admin).
 */
export function startReconciliationEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "verify");
    const parsed = ZStartReconciliation.safeParse(parseJson(await readRawBody(request)));
    if (!parsed.success) throw new InvalidInputError("Invalid reconciliation request", zodIssues(parsed.error, "body"));
    const started = await startReconciliation(runtime, startRequestOf(parsed.data, principal.id));
    const progress = `/api/finance/reconciliation/runs/${started.runId}`;
    return Response.json({ ...started, progress }, { status: 202, headers: { ...noStore, location: progress } });
  }, errorResponse);
}

/** GET /api/finance/reconciliation/runs/<runId>: done/total, rate and ETA, counts, status (the page polls it). */
export function reconciliationProgressEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: RunParams) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "verify");
    const progress = await readRunProgress(runtime, (await params).runId);
    if (!progress) throw new NotFoundError("No such reconciliation run.");
    return Response.json(progress, { headers: noStore });
  }, errorResponse);
}

/** GET /api/finance/reconciliation/runs/<runId>/export: every invoice the run checked, as CSV (streamed). */
export function reconciliationExportEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string, { params }: RunParams) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "verify");
    requirePermission(principal, "export");
    const progress = await readRunProgress(runtime, (await params).runId);
    if (!progress) throw new NotFoundError("No such reconciliation run.");
    const name = `reconciliation-${progress.period.label.replaceAll(" ", "")}${progress.asOf ? "-as-of" : ""}.csv`;
    return streamingResponse(
      csvChunks(resultBatches(runtime, progress.runId), RESULT_COLUMNS),
      {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${name}"`,
          ...noStore,
        },
      },
      (error) => console.error(`[api] ${requestId}: reconciliation export failed:`, error),
    );
  }, errorResponse);
}
