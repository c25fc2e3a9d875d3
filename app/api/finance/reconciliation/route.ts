import { startReconciliationEndpoint } from "@/lib/api/reconciliation-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const POST = startReconciliationEndpoint({ runtime: getRuntime });
