"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issueCommand } from "@/lib/automation/issue-command";
import { ZReason } from "@/lib/domain/shared/schemas";
import { getRuntime } from "@/lib/server/runtime";
import { actionClient } from "../client";

/**
 * An admin erases a closed account's personal data (a GDPR request), with the
 * account version the page showed: a change meanwhile is a conflict to reload.
 */
export const erasePersonalData = actionClient
  .metadata({ action: "erase-personal-data", permission: "corrective-command" })
  .inputSchema(
    z.object({
      accountId: z.string().min(1).max(128),
      reason: ZReason,
      expectedVersion: z.number().int().min(1).optional(),
    }),
  )
  .action(async ({ parsedInput, ctx }) => {
    const { accountId, reason, expectedVersion } = parsedInput;
    const runtime = await getRuntime();
    const result = await issueCommand(runtime, {
      type: "ErasePersonalData",
      data: { accountId, reason },
      caller: { principal: ctx.principal },
      source: "ui",
      requestId: ctx.requestId,
      reason,
      ...(expectedVersion !== undefined && { expectedVersion }),
    });
    revalidatePath(`/accounts/${accountId}`, "layout");
    revalidatePath("/accounts");
    return { position: result.position };
  });
