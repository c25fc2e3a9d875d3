import { randomUUID } from "node:crypto";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { type Permission, type Principal, requirePermission } from "@/lib/auth/permissions";
import { currentPrincipal } from "@/lib/auth/session";
import { InvalidInputError, UnauthorizedError } from "@/lib/errors";
import { describeError } from "@/lib/http/errors";
import { rememberWrite } from "@/lib/server/page-reader";
import { findUnstorable } from "@/lib/http/storable-text";

const PERMISSIONS = [
  "read",
  "export",
  "verify",
  "command",
  "corrective-command",
  "manage-catalog",
  "reports",
  "operate",
] as const satisfies readonly Permission[];

/** What an action's form is told when it fails: the domain's or the store's own words, never a stack trace. */
export interface ActionFailure {
  /** A machine code: a domain rule (e.g. INVOICE_NOT_OPEN), VERSION_CONFLICT, FORBIDDEN, INVALID_INPUT, INTERNAL... */
  code: string;
  message: string;
  requestId: string;
  /** On VERSION_CONFLICT: the version the record has now. */
  currentVersion?: number;
}

/** What every action knows about its caller: checked before its input is even read. */
export interface ActionContext {
  principal: Principal;
  requestId: string;
}

/**
 * The one way server actions are built (next-safe-action): each declares its
 * name and the permission it needs; the middleware signs the caller in and
 * checks that permission on the server before the input is parsed, and gives
 * the action a request id. Expected errors reach the form in the domain's
 * words; anything else is logged with the request id and hidden.
 */
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ action: z.string(), permission: z.enum(PERMISSIONS) }),
  defaultValidationErrorsShape: "flattened",
  handleServerError(error, { ctx }): ActionFailure {
    const requestId = (ctx as Partial<ActionContext>).requestId ?? randomUUID();
    const { body } = describeError(error, requestId);
    const currentVersion = typeof body.currentVersion === "number" ? body.currentVersion : undefined;
    return {
      code: body.error,
      message: body.message,
      requestId,
      ...(currentVersion !== undefined && { currentVersion }),
    };
  },
}).use(async ({ next, metadata, clientInput }) => {
  const requestId = randomUUID();
  const principal = await currentPrincipal();
  if (!principal) throw new UnauthorizedError("Your session has ended: sign in again.");
  requirePermission(principal, metadata.permission);
  const unstorable = findUnstorable(clientInput, "input");
  if (unstorable) throw new InvalidInputError("The form holds text that cannot be stored", [unstorable]);
  const result = await next({ ctx: { principal, requestId } satisfies ActionContext });
  // A command's position: the pages this person opens next read a replica only once it has that event.
  const position = (result.data as { position?: unknown } | undefined)?.position;
  if (typeof position === "number") await rememberWrite(position);
  return result;
});
