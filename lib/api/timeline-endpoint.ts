import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { unprojectedForAccount, waitForProjection } from "@/lib/projections/read-after-write";
import { parseTimelineQuery, ZPosition } from "@/lib/timeline/filters";
import { readTimeline } from "@/lib/timeline/read";
import { ACCOUNT_TIMELINE } from "@/lib/timeline/read-model/projection";
import { chooseReader, READ_SOURCE_HEADER } from "@/lib/server/replica";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ accountId: string }> };

/**
 * GET /api/accounts/<accountId>/timeline: the account's events, newest first,
 * from the account-timeline read model (see docs/api.md). `waitFor=<position>`
 * first waits (at most 3 s) until the read model has that event.
 */
export function timelineEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    const { accountId } = await params;
    const { waitFor, ...query } = parseTimelineQuery(new URL(request.url).searchParams, {
      waitFor: ZPosition.optional(),
    });
    if (!(await runtime.store.accountHasEvents(accountId)))
      throw new NotFoundError(`No account "${accountId}" exists.`);
    const reachedWaitFor =
      waitFor === undefined ? null : await waitForProjection(runtime.db.prisma, ACCOUNT_TIMELINE, waitFor);
    // What the primary's read model had for waitFor, the replica must have too before it answers.
    const reader = await chooseReader(runtime, (await deps.replica?.()) ?? null, {
      position: waitFor,
      projection: reachedWaitFor ? ACCOUNT_TIMELINE : undefined,
    });
    const [page, pendingEvents] = await Promise.all([
      readTimeline(reader.runtime, { accountId }, query),
      unprojectedForAccount(reader.runtime.db.raw, ACCOUNT_TIMELINE, accountId),
    ]);
    return Response.json(
      { ...page, projection: { name: ACCOUNT_TIMELINE, pendingEvents, reachedWaitFor } },
      { headers: { [READ_SOURCE_HEADER]: reader.source } },
    );
  }, errorResponse);
}
