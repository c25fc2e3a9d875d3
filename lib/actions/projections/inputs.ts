import { z } from "zod";
import { ZProjectionName } from "@/lib/domain/operations/commands";
import { ZEntityId, ZReason } from "@/lib/domain/shared/schemas";

/** What every projection operation's form sends: which projection, and why. */
export const ZProjectionOperationInput = z.object({ projection: ZProjectionName, reason: ZReason }).strict();

export const ZConsistencyCheckInput = z
  .object({
    /** Empty: every aggregate. */
    sample: z.coerce.number().int().min(1).max(10_000).optional(),
    accountId: ZEntityId.optional(),
    reason: ZReason,
  })
  .strict();

export const ZVerifyChainInput = z
  .object({
    /** "all" for the whole log, or a stream id (e.g. account-acme). */
    scope: z.union([
      z.literal("all"),
      ZEntityId.regex(/^[a-z]+-/, { error: "must be a stream id, e.g. account-acme" }),
    ]),
    reason: ZReason,
  })
  .strict();
