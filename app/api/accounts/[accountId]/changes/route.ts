import { accountChangesEndpoint } from "@/lib/api/live-endpoints";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = accountChangesEndpoint({ runtime: getRuntime });
