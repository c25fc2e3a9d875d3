import { projectionConsoleEndpoint } from "@/lib/api/console-endpoints";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = projectionConsoleEndpoint({ runtime: getRuntime });
