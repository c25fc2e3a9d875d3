import { consistencyEndpoint } from "@/lib/api/consistency-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = consistencyEndpoint({ runtime: getRuntime });
