"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { operateProjection } from "@/lib/operations/operate-projection";
import { getRuntime } from "@/lib/server/runtime";
import { ZProjectionOperationInput } from "./inputs";

/** Tries the failed event again (after a fix); recorded first in the operations console's stream. */
export const retryProjection = actionClient
  .metadata({ action: "retryProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await operateProjection(await getRuntime(), {
      action: "retry",
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    });
    revalidatePath("/projections");
    return result;
  });
