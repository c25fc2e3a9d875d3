"use server";

import { actionClient } from "@/lib/actions/client";
import { decide } from "./decide";
import { ZApprovalDecision } from "./input";

/** A second admin rejects a held credit note or refund (never their own: the domain refuses). */
export const rejectRequest = actionClient
  .metadata({ action: "rejectRequest", permission: "corrective-command" })
  .inputSchema(ZApprovalDecision)
  .action(async ({ parsedInput, ctx }) => decide("RejectRequest", parsedInput, ctx));
