import { metricsEndpoint } from "@/lib/api/metrics-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = metricsEndpoint({ runtime: getRuntime });
