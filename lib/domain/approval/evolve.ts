import { ignoreUnknownEvent } from "../shared/exhaustive";
import type { ApprovalEvent } from "./events";
import type { ApprovalState } from "./state";

export function evolveApproval(state: ApprovalState, event: ApprovalEvent): ApprovalState {
  switch (event.type) {
    case "ApprovalRequested": {
      const { approvalId, accountId, invoiceId, commandType, commandData, amount, currency, requestedBy } = event.data;
      return {
        ...state,
        status: "pending",
        approvalId,
        accountId,
        invoiceId,
        commandType,
        commandData,
        amount,
        currency,
        requestedBy,
      };
    }
    case "ApprovalGranted":
      return { ...state, status: "approved", decidedBy: event.data.approvedBy };
    case "ApprovalRejected":
      return { ...state, status: "rejected", decidedBy: event.data.rejectedBy };
    default:
      return ignoreUnknownEvent(event, state);
  }
}
