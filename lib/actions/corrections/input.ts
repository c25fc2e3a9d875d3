import { z } from "zod";

/** A correction as the page's form sends it (see lib/corrections/run.ts). */
export const ZCorrectionInput = z
  .object({
    type: z.string().min(1).max(60),
    targetId: z.string().min(1).max(128),
    fields: z.record(z.string().max(60), z.string().max(2000)),
    reason: z.string().trim().min(3, { error: "Say why (at least a few words)." }).max(2000),
    ticket: z.string().trim().max(200).optional(),
    expectedVersion: z.number().int().nonnegative().optional(),
  })
  .strict();
