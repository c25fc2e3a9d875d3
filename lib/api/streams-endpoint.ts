import { requirePermission } from "@/lib/auth/permissions";
import { parseAt, stateAt } from "@/lib/history/state-at";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ streamId: string }> };

/** GET /api/streams/<streamId>?at=<position | ISO time>: the stream's state at that point (now by default). */
export function streamsEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    const { streamId } = await params;
    const asOf = parseAt(new URL(request.url).searchParams.get("at"));
    const result = await stateAt(runtime.store, decodeURIComponent(streamId), asOf);
    return Response.json(result, { headers: { etag: `"${result.version}"` } });
  }, errorResponse);
}
