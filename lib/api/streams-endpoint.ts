import { requirePermission } from "@/lib/auth/permissions";
import { InvalidInputError } from "@/lib/errors";
import { parseAt, stateAt } from "@/lib/history/state-at";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { routeId } from "@/lib/queries/params";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ streamId: string }> };

/** GET /api/streams/<streamId>?at=<position | ISO time>: the stream's state at that point (now by default). */
export function streamsEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    // The router may pass the id still %-escaped (':' as %3A); a "%" that escapes nothing names no stream.
    const streamId = routeId((await params).streamId);
    if (streamId === null) {
      throw new InvalidInputError("Invalid stream id", [{ path: "streamId", message: "a malformed %-escape" }]);
    }
    const asOf = parseAt(new URL(request.url).searchParams.get("at"));
    const result = await stateAt(runtime.store, streamId, asOf);
    return Response.json(result, { headers: { etag: `"${result.version}"` } });
  }, errorResponse);
}
