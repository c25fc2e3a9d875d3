import { accountEndpoint } from "@/lib/api/account-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = accountEndpoint({ runtime: getRuntime });
