import { overviewEndpoint } from "@/lib/api/live-endpoints";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = overviewEndpoint({ runtime: getRuntime });
