"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { confirmCorrection as confirm } from "@/lib/corrections/run";
import { getRuntime } from "@/lib/server/runtime";
import { ZCorrectionInput } from "./input";

/** Issues a previewed correction with the version the preview saw (the handler the API uses). */
export const confirmCorrection = actionClient
  .metadata({ action: "confirmCorrection", permission: "command" })
  .inputSchema(ZCorrectionInput.required({ expectedVersion: true }))
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await confirm(await getRuntime(), ctx.principal, ctx.requestId, parsedInput);
    if (outcome.status !== "conflict") revalidatePath("/", "layout");
    return outcome;
  });
