import { revalidatePath } from "next/cache";
import { issueCommand } from "@/lib/automation/issue-command";
import type { ActionContext } from "@/lib/actions/client";
import { getRuntime } from "@/lib/server/runtime";
import type { z } from "zod";
import type { ZApprovalDecision } from "./input";

/** A second admin's decision on a held correction, as the one handler the API uses records it. */
export async function decide(
  type: "ApproveRequest" | "RejectRequest",
  input: z.output<typeof ZApprovalDecision>,
  ctx: ActionContext,
) {
  const result = await issueCommand(await getRuntime(), {
    type,
    data: input,
    caller: { principal: ctx.principal },
    source: "ui",
    requestId: ctx.requestId,
    reason: input.reason,
  });
  revalidatePath("/", "layout");
  return { position: result.position, followUps: result.followUps.length };
}
