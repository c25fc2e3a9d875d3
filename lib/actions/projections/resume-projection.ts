"use server";

import { actionClient } from "@/lib/actions/client";
import { ZProjectionOperationInput } from "./inputs";
import { operate } from "./operate";

/** Resumes a paused projection from its checkpoint; recorded first in the operations console's stream. */
export const resumeProjection = actionClient
  .metadata({ action: "resumeProjection", permission: "operate" })
  .inputSchema(ZProjectionOperationInput)
  .action(async ({ parsedInput, ctx }) => operate("resume", parsedInput, ctx));
