import { requirePermission } from "@/lib/auth/permissions";
import { openEvidenceBundle } from "@/lib/evidence/bundle";
import { evidenceFilename, parseEvidencePeriod } from "@/lib/evidence/period";
import { readableOf } from "@/lib/evidence/readable";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
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
    return new Response(readableOf(pieces, requestId), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${evidenceFilename(accountId, period)}"`,
        "cache-control": "no-store",
      },
    });
  }, errorResponse);
}
