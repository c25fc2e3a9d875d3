import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** The demo-mode secret (documented in docs/api.md); real deployments set WEBHOOK_SECRET. */
export const DEMO_WEBHOOK_SECRET = "whsec_ledgerline_demo";

export class WebhookSignatureError extends AppError {
  constructor(code: "SIGNATURE_MISSING" | "SIGNATURE_INVALID" | "SIGNATURE_EXPIRED", message: string) {
    super(401, code, message);
  }
}

export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
}

/**
 * Checks `Ledgerline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * in constant time, and refuses timestamps more than five minutes away (replays).
 */
export function verifySignature(header: string | null, rawBody: string, secret: string, nowSeconds: number): void {
  if (!header) throw new WebhookSignatureError("SIGNATURE_MISSING", "The Ledgerline-Signature header is missing.");
  const parts = new Map(
    header.split(",").map((part) => {
      const [k, ...v] = part.trim().split("=");
      return [k, v.join("=")] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const signatures = header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3));
  if (!Number.isInteger(timestamp) || signatures.length === 0) {
    throw new WebhookSignatureError(
      "SIGNATURE_INVALID",
      "The Ledgerline-Signature header must be t=<unix seconds>,v1=<hex>.",
    );
  }
  const expected = Buffer.from(signPayload(secret, timestamp, rawBody), "hex");
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookSignatureError("SIGNATURE_INVALID", "The webhook signature does not match its body.");
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError(
      "SIGNATURE_EXPIRED",
      `The webhook was signed at ${new Date(timestamp * 1000).toISOString()}, more than 5 minutes from now; it may be a replay.`,
    );
  }
}

/** WEBHOOK_SECRET, or the documented demo secret in demo mode; null when webhooks are not configured. */
export function webhookSecret(env: Record<string, string | undefined>, demoMode: boolean): string | null {
  return env.WEBHOOK_SECRET?.trim() || (demoMode ? DEMO_WEBHOOK_SECRET : null);
}
