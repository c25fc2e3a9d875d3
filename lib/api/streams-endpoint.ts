import { requirePermission } from "@/lib/auth/permissions";
import { parseAt, stateAt } from "@/lib/history/state-at";
import { NotFoundError } from "@/lib/errors";
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
    const result = await stateAt(runtime.store, decodeStreamId(streamId), asOf);
    return Response.json(result, { headers: { etag: `"${result.version}"` } });
  }, errorResponse);
}

/**
 * The route's parameter can still hold %-escapes (a ':' arrives as %3A), so it is decoded once more; an
 * escape that decodes to nothing (/api/streams/%25zz arrives as "%zz") names no stream: 404, not a 500.
 */
function decodeStreamId(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    throw new NotFoundError(`There is no stream "${param}": it has a malformed %-escape.`);
  }
}
