import { type CommandRequest, type CommandResult, handleCommand } from "@/lib/commands/handle-command";
import type { CommandDeps } from "@/lib/commands/ports";
import { approvalRequestFor } from "./four-eyes";
import { runPolicies } from "./policies";

/** What issuing a command needs: a store (and, in tests and the seed, a clock, an id source, a threshold). */
export type IssueDeps = Omit<CommandDeps, "afterCommit"> & {
  /** Four eyes above this many minor units (LEDGERLINE_APPROVAL_THRESHOLD, 50000 by default). */
  approvalThreshold?: number;
};

/**
 * Handles a command and then what it sets off. The one rule: a command
 * appends only its own stream's events; everything they imply for other
 * aggregates (an invoice for a purchase, a credit note for a downgrade, the
 * correction a second admin approved) is a policy's command, caused by the
 * event and keyed by it. Those run right after the commit, so the caller's
 * answer includes them (`followUps`), and the policy reactor
 * (policy-reactor.ts) runs the same policies again from the log, which
 * finishes whatever a crash or a failure interrupted. A credit note or refund
 * above the approval threshold is held for a second admin (four-eyes.ts).
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
  return handleCommand(
    {
      ...deps,
      scope,
      afterCommit: (committed) => runPolicies(committed, (followUp) => issueCommand(followUpDeps, followUp)),
    },
    request,
  );
}
