"use server";

import { actionClient } from "@/lib/actions/client";
import { startChainVerification } from "@/lib/operations/chain-verification";
import { getRuntime } from "@/lib/server/runtime";
import { ZVerifyChainInput } from "./inputs";

/** Starts verifying one stream's hash chain or the whole log's; the console polls the job's progress. */
export const verifyChain = actionClient
  .metadata({ action: "verifyChain", permission: "operate" })
  .inputSchema(ZVerifyChainInput)
  .action(async ({ parsedInput, ctx }) =>
    startChainVerification(await getRuntime(), {
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    }),
  );
