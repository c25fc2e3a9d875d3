"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { getRuntime } from "@/lib/server/runtime";
import { startReconciliation as start } from "@/lib/verification/jobs";
import { startRequestOf, ZStartReconciliation } from "@/lib/verification/start-request";

/** Starts (or joins, or resumes) a period's reconciliation in the background; the page then follows its progress. */
export const startReconciliation = actionClient
  .metadata({ action: "startReconciliation", permission: "verify" })
  .inputSchema(ZStartReconciliation)
  .action(async ({ parsedInput, ctx }) => {
    const started = await start(await getRuntime(), startRequestOf(parsedInput, ctx.principal.id, "input"));
    revalidatePath("/finance/reconciliation");
    return started;
  });
