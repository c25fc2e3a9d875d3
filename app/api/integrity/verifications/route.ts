import { verificationsEndpoint } from "@/lib/api/console-endpoints";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";
const endpoints = verificationsEndpoint({ runtime: getRuntime });
export const GET = endpoints.GET;
export const POST = endpoints.POST;
