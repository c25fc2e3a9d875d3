/** Billing-provider deliveries, signed the way docs/api.md says (the app must run with the same WEBHOOK_SECRET). */
import { signPayload } from "@/lib/webhooks/billing-signature";
import { type RawReply, send } from "./http";

export const WEBHOOK_SECRET = "whsec_reliability_suite";

/** `Ledgerline-Signature: t=<now>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signature(rawBody: string, secret = WEBHOOK_SECRET, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${signPayload(secret, t, rawBody)}`;
}

/** POSTs one delivery, as is, signed unless a signature is given. */
export function deliver(baseUrl: string, rawBody: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return send(baseUrl, {
    method: "POST",
    path: "/api/webhooks/billing",
    headers: { "content-type": "application/json", "ledgerline-signature": signature(rawBody), ...headers },
    body: rawBody,
  });
}
