import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { getAccountSummary } from "@/lib/projections/account-summary/queries";
import { ACCOUNT_SUMMARY } from "@/lib/projections/account-summary/projection";
import { unprojectedForAccount, waitForProjection } from "@/lib/projections/read-after-write";
import type { ApiDeps } from "./deps";

const ZQuery = z
  .object({
    waitFor: z
      .string()
      .regex(/^\d{1,15}$/, "must be a global position from a command's response")
      .transform(Number)
      .optional(),
  })
  .strict();

type Params = { params: Promise<{ accountId: string }> };

/**
 * GET /api/accounts/<accountId>?waitFor=<position>: the account summary read
 * model. With waitFor (a command response's position) it first waits, at most
 * 3 s, until the projection has applied it: read-after-write. The response
 * says how many of the account's events are not projected yet.
 */
export function accountEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    const { accountId } = await params;
    const query = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new InvalidInputError("Invalid query", zodIssues(query.error, "query"));
    const caughtUp =
      query.data.waitFor === undefined
        ? null
        : await waitForProjection(runtime.db.prisma, ACCOUNT_SUMMARY, query.data.waitFor, { timeoutMs: 3000 });
    const account = await getAccountSummary(runtime.db, accountId);
    const pendingEvents = await unprojectedForAccount(runtime.db.raw, ACCOUNT_SUMMARY, accountId);
    if (!account && pendingEvents === 0) throw new NotFoundError(`No account "${accountId}" exists.`);
    return Response.json({ account, projection: { name: ACCOUNT_SUMMARY, pendingEvents, reachedWaitFor: caughtUp } });
  }, errorResponse);
}
