import { streamsEndpoint } from "@/lib/api/streams-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = streamsEndpoint({ runtime: getRuntime });
