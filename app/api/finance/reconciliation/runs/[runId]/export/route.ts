import { reconciliationExportEndpoint } from "@/lib/api/reconciliation-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = reconciliationExportEndpoint({ runtime: getRuntime });
