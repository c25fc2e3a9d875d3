"use server";

import { actionClient } from "@/lib/actions/client";
import { decide } from "./decide";
import { ZApprovalDecision } from "./input";

/** A second admin approves a held credit note or refund (never their own: the domain refuses). */
export const approveRequest = actionClient
  .metadata({ action: "approveRequest", permission: "corrective-command" })
  .inputSchema(ZApprovalDecision)
  .action(async ({ parsedInput, ctx }) => decide("ApproveRequest", parsedInput, ctx));
