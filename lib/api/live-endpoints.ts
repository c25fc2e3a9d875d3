import { can, requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { ACCOUNT_SUMMARY } from "@/lib/projections/account-summary/projection";
import { unprojectedForAccount } from "@/lib/projections/read-after-write";
import { readSystemOverview } from "@/lib/queries/system-overview";
import { parseTimelineQuery, ZPosition } from "@/lib/timeline/filters";
import { newEventsAfter } from "@/lib/timeline/live";
import { ACCOUNT_TIMELINE } from "@/lib/timeline/read-model/projection";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ accountId: string }> };

const noStore = { "cache-control": "no-store" };

/**
 * GET /api/accounts/<accountId>/changes?after=<position>&<the timeline filters>:
 * "anything new after the newest event I show?" for the account page's live
 * check — how many events the timeline has after it that pass the page's
 * filters, and how many the read models have not applied yet.
 */
export function accountChangesEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    const { accountId } = await params;
    const {
      after,
      limit: _limit,
      ...filters
    } = parseTimelineQuery(new URL(request.url).searchParams, {
      after: ZPosition,
    });
    if (!(await runtime.store.accountHasEvents(accountId)))
      throw new NotFoundError(`No account "${accountId}" exists.`);
    const [newEvents, timeline, summary] = await Promise.all([
      newEventsAfter(runtime.db, accountId, after, filters),
      unprojectedForAccount(runtime.db.raw, ACCOUNT_TIMELINE, accountId),
      unprojectedForAccount(runtime.db.raw, ACCOUNT_SUMMARY, accountId),
    ]);
    return Response.json({ ...newEvents, pending: { timeline, summary } }, { headers: noStore });
  }, errorResponse);
}

/** GET /api/overview: the overview page's figures (store, horizon, every projection's health), for its live view. */
export function overviewEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "read");
    return Response.json(await readSystemOverview(runtime, { showQuery: can(principal.role, "operate") }), {
      headers: noStore,
    });
  }, errorResponse);
}
