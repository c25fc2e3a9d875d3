import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, readRawBody } from "@/lib/http/request";
import { isDemoMode } from "@/lib/server/config";
import { webhookSecret } from "@/lib/webhooks/billing-signature";
import { applyBillingWebhook } from "@/lib/webhooks/billing-webhook";
import type { ApiDeps } from "./deps";

/** POST /api/webhooks/billing: a billing provider's payment and refund events (signed; see docs/api.md). */
export function billingWebhookEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string) => {
    const env = deps.env ?? process.env;
    const secret = webhookSecret(env, isDemoMode(env));
    if (!secret) throw new AppError(503, "WEBHOOKS_NOT_CONFIGURED", "Set WEBHOOK_SECRET to accept billing webhooks.");
    const rawBody = await readRawBody(request);
    const { deliveryId, result } = await applyBillingWebhook(await deps.runtime(), {
      rawBody,
      signature: request.headers.get("ledgerline-signature"),
      secret,
      requestId,
      now: deps.now?.(),
      appVersion: deps.appVersion,
    });
    const body = {
      received: true,
      deliveryId,
      streamId: result.streamId,
      version: result.version,
      events: result.events.map(({ type, version, position }) => ({ type, version, position })),
    };
    return Response.json(body, { headers: result.replayed ? { "idempotent-replayed": "true" } : {} });
  }, errorResponse);
}
