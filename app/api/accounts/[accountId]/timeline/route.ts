import { timelineEndpoint } from "@/lib/api/timeline-endpoint";
import { getReplicaRuntime, getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
export const GET = timelineEndpoint({ runtime: getRuntime, replica: getReplicaRuntime });
