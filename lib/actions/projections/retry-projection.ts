"use server";

import { actionClient } from "@/lib/actions/client";
import { ZProjectionOperationInput } from "./inputs";
import { operate } from "./operate";

/** Tries the failed event again (after a fix); recorded first in the operations console's stream. */
export const retryProjection = actionClient
  .metadata({ action: "retryProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => operate("retry", parsedInput, ctx));
