"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issueCommand } from "@/lib/automation/issue-command";
import { ZReason } from "@/lib/domain/shared/schemas";
import { getRuntime } from "@/lib/server/runtime";
import { actionClient } from "../client";

/**
 * An admin supersedes the event at a position (from its timeline entry or raw
 * event page). No expected version: superseding names one event, whatever
 * came after it, and the domain refuses a second supersession.
 */
export const supersedeEvent = actionClient
  .metadata({ action: "supersede-event", permission: "corrective-command" })
  .inputSchema(z.object({ position: z.number().int().positive(), reason: ZReason }))
  .action(async ({ parsedInput, ctx }) => {
    const runtime = await getRuntime();
    const result = await issueCommand(runtime, {
      type: "SupersedeEvent",
      data: { position: parsedInput.position, reason: parsedInput.reason },
      caller: { principal: ctx.principal },
      source: "ui",
      requestId: ctx.requestId,
      reason: parsedInput.reason,
    });
    revalidatePath(`/accounts/${result.accountId}`, "layout");
    return { position: result.position, accountId: result.accountId };
  });
