import { reconciliationProgressEndpoint } from "@/lib/api/reconciliation-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = reconciliationProgressEndpoint({ runtime: getRuntime });
