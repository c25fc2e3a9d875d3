import { z } from "zod";
import { ZCurrency, ZPositiveAmount } from "../billing/money";
import { ZEntityId, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

/** The corrections that move money back to a customer: above a threshold they need a second admin. */
export const GATED_COMMANDS = ["IssueCreditNote", "RefundPayment"] as const;
export const ZGatedCommandType = z.enum(GATED_COMMANDS);
export type GatedCommandType = z.infer<typeof ZGatedCommandType>;

/** The correction waiting for approval, exactly as it will be issued, and what it moves. */
export const correctionFields = {
  accountId: ZEntityId,
  invoiceId: ZEntityId,
  commandType: ZGatedCommandType,
  commandData: z.record(z.string(), z.unknown()),
  amount: ZPositiveAmount,
  currency: ZCurrency,
};

export const ZRequestApproval = z
  .object({
    approvalId: ZEntityId.optional(),
    ...correctionFields,
    /** The amount above which a second admin must approve (minor units). */
    threshold: ZPositiveAmount,
    reason: ZReason,
  })
  .strict();

const ZDecision = z.object({ approvalId: ZEntityId, reason: ZReason }).strict();
export const ZApproveRequest = ZDecision;
export const ZRejectRequest = ZDecision;

export const approvalCommandSchemas = {
  RequestApproval: ZRequestApproval,
  ApproveRequest: ZApproveRequest,
  RejectRequest: ZRejectRequest,
};

export type ApprovalCommand = CommandUnionOf<typeof approvalCommandSchemas>;
