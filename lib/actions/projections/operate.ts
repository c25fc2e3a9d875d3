import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { ActionContext } from "@/lib/actions/client";
import { operateProjection } from "@/lib/operations/operate-projection";
import type { ProjectionAction } from "@/lib/projections/admin";
import { getRuntime } from "@/lib/server/runtime";
import type { ZProjectionOperationInput } from "./inputs";

/** An admin's operation from the console: recorded in the operations stream, then performed (the API's path too). */
export async function operate(
  action: ProjectionAction,
  input: z.output<typeof ZProjectionOperationInput>,
  ctx: ActionContext,
) {
  const result = await operateProjection(await getRuntime(), {
    action,
    ...input,
    principal: ctx.principal,
    source: "ui",
    requestId: ctx.requestId,
  });
  revalidatePath("/projections");
  return result;
}
