import { verificationEndpoint } from "@/lib/api/console-endpoints";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = verificationEndpoint({ runtime: getRuntime });
