import { databaseIsReachable } from "@/lib/db/client";
import { RETRY_AFTER_SECONDS } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and the test harness: no data, no auth. */
export async function GET() {
  return (await databaseIsReachable())
    ? Response.json({ status: "ok" })
    : Response.json(
        { status: "unavailable", message: "The database cannot be reached." },
        { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } },
      );
}
