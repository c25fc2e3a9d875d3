"use server";

import { actionClient } from "@/lib/actions/client";
import { checkConsistency } from "@/lib/operations/check-consistency";
import { getRuntime } from "@/lib/server/runtime";
import { ZConsistencyCheckInput } from "./inputs";

/** Replays aggregates and compares the read models row by row; who ran it, why and what it found are recorded. */
export const runConsistencyCheck = actionClient
  .metadata({ action: "runConsistencyCheck", permission: "operate" })
  .inputSchema(ZConsistencyCheckInput)
  .action(async ({ parsedInput, ctx }) =>
    checkConsistency(await getRuntime(), {
      ...parsedInput,
      principal: ctx.principal,
      source: "ui",
      requestId: ctx.requestId,
    }),
  );
