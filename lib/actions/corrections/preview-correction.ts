"use server";

import { actionClient } from "@/lib/actions/client";
import { previewCorrection as preview } from "@/lib/corrections/run";
import { getRuntime } from "@/lib/server/runtime";
import { ZCorrectionInput } from "./input";

/** Decides the correction on the current state and shows what it would append; writes nothing. */
export const previewCorrection = actionClient
  .metadata({ action: "previewCorrection", permission: "command" })
  .inputSchema(ZCorrectionInput)
  .action(async ({ parsedInput, ctx }) => preview(await getRuntime(), ctx.principal, ctx.requestId, parsedInput));
