import { conversionsExportEndpoint } from "@/lib/api/conversions-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = conversionsExportEndpoint({ runtime: getRuntime });
