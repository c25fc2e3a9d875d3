"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { issueCommand } from "@/lib/automation/issue-command";
import { getRuntime } from "@/lib/server/runtime";
import { ZApprovalDecision } from "./input";

/** A second admin rejects a held credit note or refund (never their own: the domain refuses). */
export const rejectRequest = actionClient
  .metadata({ action: "rejectRequest", permission: "corrective-command" })
  .inputSchema(ZApprovalDecision)
  .action(async ({ parsedInput, ctx }) => {
    const result = await issueCommand(await getRuntime(), {
      type: "RejectRequest",
      data: parsedInput,
      caller: { principal: ctx.principal },
      source: "ui",
      requestId: ctx.requestId,
      reason: parsedInput.reason,
    });
    revalidatePath("/", "layout");
    return { position: result.position, followUps: result.followUps.length };
  });
