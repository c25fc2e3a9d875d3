"use server";

import { actionClient } from "@/lib/actions/client";
import { ZProjectionOperationInput } from "./inputs";
import { operate } from "./operate";

/** Requests a rebuild in shadow tables (the live tables keep serving until the swap); recorded first in the operations console's stream. */
export const rebuildProjection = actionClient
  .metadata({ action: "rebuildProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => operate("rebuild", parsedInput, ctx));
