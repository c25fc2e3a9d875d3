import { type CommandRequest, type CommandResult, handleCommand, planCommand } from "@/lib/commands/handle-command";
import type { CommandDeps } from "@/lib/commands/ports";
import { approvalRequestFor } from "./four-eyes";
import { planPolicies, runPolicies } from "./policies";

/** What issuing a command needs: a store (and, in tests and the seed, a clock, an id source, a threshold). */
export type IssueDeps = Omit<CommandDeps, "afterCommit"> & {
  /** Four eyes above this many minor units (LEDGERLINE_APPROVAL_THRESHOLD, 50000 by default). */
  approvalThreshold?: number;
};

/**
 * Handles a command and what it sets off. The one rule: a command decides
 * only its own stream's events; everything they imply for other
 * aggregates (an invoice for a purchase, a credit note for a downgrade, the
 * correction a second admin approved) is a policy's command, caused by the
 * event and keyed by it. They are decided before the command's append and
 * written in its statement, so they commit with it (or, where one cannot be
 * decided then, right after it); the caller's answer includes them
 * (`followUps`), and the policy reactor (policy-reactor.ts) runs the same
 * policies again from the log, which finishes whatever a crash or a failure
 * interrupted. A credit note or refund above the approval threshold is held
 * for a second admin (four-eyes.ts).
 */
export async function issueCommand(deps: IssueDeps, request: CommandRequest): Promise<CommandResult> {
  const held = await approvalRequestFor(deps.store, request, deps.approvalThreshold);
  if (held) {
    const result = await issueCommand(deps, held);
    return { ...result, pendingApproval: result.targetId };
  }
  // What the follow-ups may skip reading (see CommandScope).
  const scope = deps.scope ?? { accounts: new Map(), followUp: false };
  const followUpDeps = { ...deps, scope: { accounts: scope.accounts, followUp: true } };
  const issueFollowUp = (followUp: CommandRequest) => issueCommand(followUpDeps, followUp);
  // A follow-up held for approval is issued as itself after the commit (none of our policies' are today).
  const planFollowUp = async (followUp: CommandRequest) =>
    (await approvalRequestFor(deps.store, followUp, deps.approvalThreshold))
      ? null
      : planCommand(followUpDeps, followUp);
  return handleCommand(
    {
      ...deps,
      scope,
      inline: (committed) => planPolicies(committed, planFollowUp, issueFollowUp),
      afterCommit: (committed) => runPolicies(committed, issueFollowUp),
    },
    request,
  );
}
