import { requirePermission } from "@/lib/auth/permissions";
import { openEvidenceBundle } from "@/lib/evidence/bundle";
import { evidenceFilename, parseEvidencePeriod } from "@/lib/evidence/period";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { streamingResponse } from "@/lib/http/stream";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ accountId: string }> };

/**
 * GET /api/accounts/<accountId>/evidence?from=&to=: the account's events in
 * the period with their hash chains, as a JSON file anyone can re-check with
 * scripts/verify-evidence.mjs (docs/evidence.md). Streamed page by page.
 */
export function evidenceEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "export");
    const { accountId } = await params;
    const period = parseEvidencePeriod(new URL(request.url).searchParams);
    const generatedAt = deps.now?.() ?? new Date();
    const pieces = await openEvidenceBundle(runtime.store, accountId, period, { generatedAt });
    // A failure midway is logged and cuts the body off, so a reader's JSON parse fails rather than accepting half.
    return streamingResponse(
      pieces,
      {
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${evidenceFilename(accountId, period)}"`,
          "cache-control": "no-store",
        },
      },
      (error) => console.error(`[api] ${requestId}: evidence bundle failed while streaming:`, error),
    );
  }, errorResponse);
}
