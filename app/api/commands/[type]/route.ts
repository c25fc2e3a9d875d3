import { commandsEndpoint } from "@/lib/api/commands-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const POST = commandsEndpoint({ runtime: getRuntime });
