"use server";

import { actionClient } from "@/lib/actions/client";
import { ZProjectionOperationInput } from "./inputs";
import { operate } from "./operate";

/** Pauses a running projection: the batch in flight is refused, reads keep answering; recorded first in the operations console's stream. */
export const pauseProjection = actionClient
  .metadata({ action: "pauseProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => operate("pause", parsedInput, ctx));
