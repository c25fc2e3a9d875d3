/** Hash-chain verifications through the HTTP API, as an admin starts them and anyone who may read follows them. */
import type { ChainProblem } from "@/lib/event-store";
import { expectStatus, send } from "./http";

export interface VerificationJob {
  id: string;
  scope: string;
  status: "running" | "done" | "failed";
  streamsChecked: number;
  eventsChecked: number;
  problemCount: number;
  problems: ChainProblem[];
  error: string | null;
  recordedPosition: number | null;
}

/** POST /api/integrity/verifications, then polls the job (with `readToken`) until it has ended. */
export async function verifyChains(
  baseUrl: string,
  { adminToken, readToken, scope, reason }: { adminToken: string; readToken: string; scope: string; reason: string },
): Promise<VerificationJob> {
  const started = expectStatus(
    await send(baseUrl, {
      method: "POST",
      path: "/api/integrity/verifications",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ scope, reason }),
    }),
    202,
    "start a verification",
  );
  const location = started.headers.get("location")!;
  for (;;) {
    const polled = expectStatus(
      await send(baseUrl, { method: "GET", path: location, headers: { authorization: `Bearer ${readToken}` } }),
      200,
      "poll the verification",
    );
    const job = polled.body as unknown as VerificationJob;
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
