import { horizonEndpoint } from "@/lib/api/projections-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = horizonEndpoint({ runtime: getRuntime });
