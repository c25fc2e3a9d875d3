import { projectionsHealthEndpoint } from "@/lib/api/projections-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = projectionsHealthEndpoint({ runtime: getRuntime });
