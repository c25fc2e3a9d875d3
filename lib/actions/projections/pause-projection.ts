"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { operateProjection } from "@/lib/operations/operate-projection";
import { getRuntime } from "@/lib/server/runtime";
import { ZProjectionOperationInput } from "./inputs";

/** Pauses a running projection: the batch in flight is refused, reads keep answering; recorded first in the operations console's stream. */
export const pauseProjection = actionClient
  .metadata({ action: "pauseProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await operateProjection(await getRuntime(), {
      action: "pause",
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    });
    revalidatePath("/projections");
    return result;
  });
