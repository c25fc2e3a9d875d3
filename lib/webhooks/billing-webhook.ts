import { z } from "zod";
import { issueCommand } from "@/lib/automation/issue-command";
import type { CommandResult } from "@/lib/commands/handle-command";
import { InvalidInputError } from "@/lib/errors";
import { zodIssues } from "@/lib/event-store";
import { parseJson } from "@/lib/http/request";
import type { Runtime } from "@/lib/server/runtime";
import { verifySignature } from "./billing-signature";

export const BILLING_WEBHOOK = "billing-webhook";

// Lenient on purpose: providers add fields over time; unknown ones are ignored.
const ZBillingWebhook = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(["payment.succeeded", "payment.failed", "refund.succeeded"]),
  created: z.number().int(),
  data: z.object({
    invoiceId: z.string().min(1).max(128),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    providerRef: z.string().min(1).max(200),
    reason: z.string().min(1).max(500).optional(),
  }),
});
export type BillingWebhook = z.infer<typeof ZBillingWebhook>;

/** The command a delivery stands for. */
export function commandFor(event: BillingWebhook): { type: string; data: Record<string, unknown> } {
  const { invoiceId, amount, currency, providerRef, reason } = event.data;
  const common = { invoiceId, amount, currency: currency.toUpperCase(), providerRef };
  switch (event.type) {
    case "payment.succeeded":
      return { type: "RecordPayment", data: { ...common, method: "card" } };
    case "payment.failed":
      return { type: "RecordPaymentFailure", data: { ...common, reason: reason ?? "The card payment was declined." } };
    case "refund.succeeded":
      return { type: "RefundPayment", data: { ...common, reason: reason ?? "Refunded through the billing provider." } };
  }
}

/**
 * Verifies and applies one delivery. The delivery id is the idempotency key,
 * so a delivery retried any number of times lands once and every retry gets
 * the first answer.
 */
export async function applyBillingWebhook(
  runtime: Runtime,
  args: {
    rawBody: string;
    signature: string | null;
    secret: string;
    requestId: string;
    now?: Date;
    appVersion?: string;
  },
): Promise<{ deliveryId: string; result: CommandResult }> {
  const now = args.now ?? new Date();
  verifySignature(args.signature, args.rawBody, args.secret, Math.floor(now.getTime() / 1000));
  const parsed = ZBillingWebhook.safeParse(parseJson(args.rawBody));
  if (!parsed.success) throw new InvalidInputError("The webhook body is invalid", zodIssues(parsed.error, "body"));
  const command = commandFor(parsed.data);
  const result = await issueCommand(runtime, {
    ...command,
    caller: { system: BILLING_WEBHOOK },
    source: "webhook",
    requestId: args.requestId,
    // Every retry of a delivery shares its story: the correlation id names the delivery.
    correlationId: `delivery:${parsed.data.id}`,
    idempotencyKey: `delivery:${parsed.data.id}`,
    now,
    appVersion: args.appVersion,
  });
  return { deliveryId: parsed.data.id, result };
}
