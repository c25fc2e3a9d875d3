import { issueCommand } from "@/lib/automation/issue-command";
import { commandDefinitions, isCommandType } from "@/lib/domain";
import { InvalidInputError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate, parseIdempotencyKey, parseIfMatch, parseJson, readRawBody } from "@/lib/http/request";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ type: string }> };

/** POST /api/commands/<CommandType>: see docs/api.md. */
export function commandsEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    const { type } = await params;
    // An operation's record and its effect go together: only the console and /api/projections write them.
    if (isCommandType(type) && commandDefinitions[type].operation) {
      throw new InvalidInputError(`${type} is recorded when the operation is performed`, [
        { path: "type", message: "use POST /api/projections/<name>/<action> or /api/integrity/verifications" },
      ]);
    }
    const expectedVersion = parseIfMatch(request);
    const idempotencyKey = parseIdempotencyKey(request);
    const data = parseJson(await readRawBody(request));
    const result = await issueCommand(runtime, {
      type,
      data,
      caller: { principal },
      source: "api",
      requestId,
      idempotencyKey,
      expectedVersion,
      now: deps.now?.(),
    });
    // The body is the same for the first request and its repeats; a header says which this is.
    // Held for a second admin (four eyes): accepted, nothing written to the invoice yet.
    if (result.pendingApproval) {
      const body = {
        pendingApproval: result.pendingApproval,
        message: `Above the approval threshold: a second admin must approve it at /approvals (request ${result.pendingApproval}).`,
        streamId: result.streamId,
        accountId: result.accountId,
        version: result.version,
        position: result.position,
      };
      return Response.json(body, { status: 202, headers: result.replayed ? { "idempotent-replayed": "true" } : {} });
    }
    const body = {
      streamId: result.streamId,
      accountId: result.accountId,
      version: result.version,
      position: result.position,
      events: result.events.map(({ type, version, position }) => ({ type, version, position })),
    };
    return Response.json(body, {
      headers: { etag: `"${result.version}"`, ...(result.replayed ? { "idempotent-replayed": "true" } : {}) },
    });
  }, errorResponse);
}
