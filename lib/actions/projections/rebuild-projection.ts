"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { operateProjection } from "@/lib/operations/operate-projection";
import { getRuntime } from "@/lib/server/runtime";
import { ZProjectionOperationInput } from "./inputs";

/** Requests a rebuild in shadow tables (the live tables keep serving until the swap); recorded first in the operations console's stream. */
export const rebuildProjection = actionClient
  .metadata({ action: "rebuildProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => {
    const result = await operateProjection(await getRuntime(), {
      action: "rebuild",
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    });
    revalidatePath("/projections");
    return result;
  });
