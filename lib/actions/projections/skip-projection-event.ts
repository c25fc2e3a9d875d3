"use server";

import { actionClient } from "@/lib/actions/client";
import { ZProjectionOperationInput } from "./inputs";
import { operate } from "./operate";

/** Gives up on the failed event for this projection (the reason is required and kept); recorded first in the operations console's stream. */
export const skipProjectionEvent = actionClient
  .metadata({ action: "skipProjectionEvent", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => operate("skip", parsedInput, ctx));
