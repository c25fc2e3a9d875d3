"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { operateProjection } from "@/lib/operations/operate-projection";
import { getRuntime } from "@/lib/server/runtime";
import { ZProjectionOperationInput } from "./inputs";

/** Resumes a paused projection from its checkpoint; recorded first in the operations console's stream. */
export const resumeProjection = actionClient
  .metadata({ action: "resumeProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await operateProjection(await getRuntime(), {
      action: "resume",
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    });
    revalidatePath("/projections");
    return result;
  });
