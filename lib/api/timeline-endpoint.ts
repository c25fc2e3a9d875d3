import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { readAccountTimeline } from "@/lib/timeline/account-timeline";
import { parseTimelineQuery } from "@/lib/timeline/query";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ accountId: string }> };

/** GET /api/accounts/<accountId>/timeline: the account's events, newest first (see docs/api.md). */
export function timelineEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    const { accountId } = await params;
    const query = parseTimelineQuery(new URL(request.url).searchParams);
    if ((await runtime.store.streamVersion(`account-${accountId}`)) === 0 && !(await hasEvents(runtime, accountId))) {
      throw new NotFoundError(`No account "${accountId}" exists.`);
    }
    return Response.json(await readAccountTimeline(runtime.store, accountId, query));
  }, errorResponse);
}

/** A prospective account (a lead not yet converted) has events but no account stream. */
async function hasEvents(runtime: Awaited<ReturnType<ApiDeps["runtime"]>>, accountId: string) {
  return (await runtime.store.readAccountEvents(accountId, { limit: 1 })).length > 0;
}
