import { exportEndpoint } from "@/lib/api/export-endpoint";
import { getReplicaRuntime, getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = exportEndpoint({ runtime: getRuntime, replica: getReplicaRuntime });
