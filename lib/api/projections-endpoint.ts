import { z } from "zod";
import { can, requirePermission } from "@/lib/auth/permissions";
import { InvalidInputError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate, parseJson, readRawBody } from "@/lib/http/request";
import { operateProjection } from "@/lib/operations/operate-projection";
import { PROJECTION_ACTIONS, projectionAdmin } from "@/lib/projections/admin";
import { readHorizonHealth, readProjectionHealth } from "@/lib/projections/health";
import { logConsumers } from "@/lib/server/projector";
import type { ApiDeps } from "./deps";

/** GET /api/projections: the health of every projection (see docs/api.md). */
export function projectionsHealthEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "read");
    return Response.json(await readProjectionHealth(runtime, logConsumers(runtime)));
  }, errorResponse);
}

/** GET /api/horizon: the global log's read horizon, with a warning when an open transaction holds it back. */
export function horizonEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "read");
    const threshold = Number(deps.env?.HORIZON_WARNING_SECONDS ?? process.env.HORIZON_WARNING_SECONDS ?? 30);
    return Response.json(await readHorizonHealth(runtime, threshold, { showQuery: can(principal.role, "operate") }));
  }, errorResponse);
}

const ZAction = z.enum(PROJECTION_ACTIONS);
/** Recorded when an API caller gives none (the console always asks for one; a skip must have one). */
const NO_REASON = "no reason given (API)";
const ZBody = z
  .object({ reason: z.string().trim().min(1).max(500).optional(), accountId: z.string().min(1).max(128).optional() })
  .strict();

type Params = { params: Promise<{ name: string; action: string }> };

/**
 * POST /api/projections/<name>/<retry|skip|rebuild|pause|resume> (admins).
 * Each is recorded in the operations console's stream first (who, when, why), as from the console.
 * rebuild with { accountId } rebuilds that account's rows only (name "all": in every projection).
 */
export function projectionActionEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "operate");
    const { name, action: rawAction } = await params;
    const action = ZAction.safeParse(rawAction);
    if (!action.success) {
      throw new InvalidInputError(`Unknown action "${rawAction}"`, [
        { path: "action", message: "retry, skip, rebuild, pause or resume" },
      ]);
    }
    const raw = await readRawBody(request);
    const body = ZBody.safeParse(raw.trim() ? parseJson(raw) : {});
    if (!body.success) throw new InvalidInputError("Invalid request body", zodIssues(body.error, "body"));
    if (action.data === "rebuild" && body.data.accountId) {
      // One account's rows, rebuilt in place: a repair, not an operation on the projection.
      const admin = projectionAdmin(runtime, logConsumers(runtime));
      return Response.json(await admin.rebuildAccount(body.data.accountId, name === "all" ? undefined : name));
    }
    if (action.data === "skip" && !body.data.reason) {
      throw new InvalidInputError("Skipping an event needs a reason", [
        { path: "body.reason", message: "say why it is skipped" },
      ]);
    }
    const result = await operateProjection(runtime, {
      action: action.data,
      projection: name,
      reason: body.data.reason ?? NO_REASON,
      principal,
      source: "api",
      requestId,
    });
    return Response.json(result);
  }, errorResponse);
}
