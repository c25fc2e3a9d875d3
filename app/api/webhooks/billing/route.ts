import { billingWebhookEndpoint } from "@/lib/api/billing-webhook-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const POST = billingWebhookEndpoint({ runtime: getRuntime });
