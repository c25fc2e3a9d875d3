import { z } from "zod";

export const ZApprovalDecision = z
  .object({
    approvalId: z.string().min(1).max(128),
    reason: z.string().trim().min(3, { error: "Say why (at least a few words)." }).max(2000),
  })
  .strict();
