import { formatMoney } from "../billing/money";
import { assertNever } from "../shared/decider";
import { freshId } from "../shared/context";
import { reject } from "../shared/domain-error";
import type { ApprovalCommand } from "./commands";
import type { ApprovalEvent } from "./events";
import type { ApprovalState } from "./state";

/** Who is asking, as the handler put it in the context ("user:dana"); decisions about people need it. */
function actorOf(command: ApprovalCommand): string {
  const actor = command.context.actor;
  if (!actor) throw new Error(`${command.type} needs the caller in context.actor`);
  return actor;
}

/**
 * Four eyes: a credit note or refund above the threshold waits for a second
 * admin. Only a pending request can be approved or rejected, once, and never
 * by the admin who asked for it.
 */
export function decideApproval(state: ApprovalState, command: ApprovalCommand): ApprovalEvent[] {
  const actor = actorOf(command);
  switch (command.type) {
    case "RequestApproval": {
      if (state.status !== "none") reject("APPROVAL_EXISTS", `Approval request ${state.approvalId} already exists.`);
      const { amount, threshold, currency } = command.data;
      if (amount <= threshold) {
        reject(
          "APPROVAL_NOT_NEEDED",
          `${formatMoney(amount, currency)} is not above ${formatMoney(threshold, currency)}: no second admin is needed.`,
        );
      }
      const { reason: _reason, approvalId: given, ...request } = command.data;
      const approvalId = given ?? freshId(command);
      return [{ type: "ApprovalRequested", data: { ...request, approvalId, requestedBy: actor } }];
    }
    case "ApproveRequest":
    case "RejectRequest": {
      const verb = command.type === "ApproveRequest" ? "approve" : "reject";
      if (state.status === "none")
        reject("APPROVAL_NOT_FOUND", `There is no approval request ${command.data.approvalId}.`);
      if (state.status !== "pending") {
        reject(
          "APPROVAL_ALREADY_DECIDED",
          `This request was already ${state.status} by ${state.decidedBy}; it can't be decided again.`,
        );
      }
      if (state.requestedBy === actor) {
        reject("APPROVAL_BY_REQUESTER", `You asked for this correction, so you can't ${verb} it: a second admin must.`);
      }
      const base = {
        approvalId: state.approvalId!,
        accountId: state.accountId!,
        invoiceId: state.invoiceId!,
        requestedBy: state.requestedBy!,
      };
      if (command.type === "RejectRequest") return [{ type: "ApprovalRejected", data: { ...base, rejectedBy: actor } }];
      return [
        {
          type: "ApprovalGranted",
          data: {
            ...base,
            commandType: state.commandType!,
            commandData: state.commandData!,
            amount: state.amount,
            currency: state.currency!,
            approvedBy: actor,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}
