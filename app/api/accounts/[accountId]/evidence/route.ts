import { evidenceEndpoint } from "@/lib/api/evidence-endpoint";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = evidenceEndpoint({ runtime: getRuntime });
