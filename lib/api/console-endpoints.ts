import { z } from "zod";
import { can, requirePermission } from "@/lib/auth/permissions";
import { ZReason } from "@/lib/domain/shared/schemas";
import { InvalidInputError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate, parseJson, readRawBody } from "@/lib/http/request";
import { listVerificationJobs, readVerificationJob, startChainVerification } from "@/lib/operations/chain-verification";
import { readProjectionConsole } from "@/lib/queries/projection-console";
import type { ApiDeps } from "./deps";

const noStore = { "cache-control": "no-store" };

/** GET /api/projections/console: the projection console's figures (health, throughput, horizon, operations), live. */
export function projectionConsoleEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "read");
    return Response.json(await readProjectionConsole(runtime, { showQuery: can(principal.role, "operate") }), {
      headers: noStore,
    });
  }, errorResponse);
}

export const ZVerificationRequest = z
  .object({
    /** "all" for the whole log, or a stream id. */
    scope: z.string({ error: 'scope is required: "all" or a stream id' }).trim().min(1).max(200),
    reason: ZReason,
  })
  .strict();

/**
 * GET /api/integrity/verifications (read): the latest hash-chain verifications.
 * POST (operate) { scope, reason }: starts one; 202 with the job to poll.
 */
export function verificationsEndpoint(deps: ApiDeps) {
  return {
    GET: apiRoute(async (request: Request) => {
      const runtime = await deps.runtime();
      requirePermission(await authenticate(request, runtime.db), "read");
      return Response.json(listVerificationJobs(), { headers: noStore });
    }, errorResponse),
    POST: apiRoute(async (request: Request, requestId: string) => {
      const runtime = await deps.runtime();
      const principal = await authenticate(request, runtime.db);
      requirePermission(principal, "operate");
      const body = ZVerificationRequest.safeParse(parseJson(await readRawBody(request)));
      if (!body.success) throw new InvalidInputError("Invalid request body", zodIssues(body.error, "body"));
      const job = await startChainVerification(runtime, { ...body.data, principal, source: "api", requestId });
      return Response.json(job, { status: 202, headers: { location: `/api/integrity/verifications/${job.id}` } });
    }, errorResponse),
  };
}

type Params = { params: Promise<{ id: string }> };

/** GET /api/integrity/verifications/<id> (read): a verification's progress and, when done, what it found. */
export function verificationEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, _requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    return Response.json(readVerificationJob((await params).id), { headers: noStore });
  }, errorResponse);
}
