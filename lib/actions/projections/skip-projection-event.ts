"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { operateProjection } from "@/lib/operations/operate-projection";
import { getRuntime } from "@/lib/server/runtime";
import { ZProjectionOperationInput } from "./inputs";

/** Gives up on the failed event for this projection (the reason is required and kept); recorded first in the operations console's stream. */
export const skipProjectionEvent = actionClient
  .metadata({ action: "skipProjectionEvent", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await operateProjection(await getRuntime(), {
      action: "skip",
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    });
    revalidatePath("/projections");
    return result;
  });
