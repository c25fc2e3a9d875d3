import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { approvalCommandSchemas, type ApprovalCommand } from "./commands";
import { decideApproval } from "./decide";
import type { ApprovalEvent } from "./events";
import { evolveApproval } from "./evolve";
import { type ApprovalState, initialApprovalState } from "./state";

export const approvalDecider: Decider<ApprovalCommand, ApprovalEvent, ApprovalState> = {
  initialState: initialApprovalState,
  decide: decideApproval,
  evolve: evolveApproval,
};

/** Stream `approval-<approvalId>`, on the account's timeline. Corrections: admins only, with a reason. */
export const approvalCommandDefinitions = defineCommands("approval", approvalCommandSchemas, approvalDecider, {
  RequestApproval: { targetKey: "approvalId", creates: true, ids: 1, corrective: true, backdate: false },
  ApproveRequest: { targetKey: "approvalId", corrective: true, backdate: false },
  RejectRequest: { targetKey: "approvalId", corrective: true, backdate: false },
});
