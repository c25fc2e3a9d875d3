import { type CommandRequest, type CommandResult, handleCommand } from "@/lib/commands/handle-command";
import type { CommandDeps } from "@/lib/commands/ports";
import { runPolicies } from "./policies";

/** What issuing a command needs: a store (and, in tests and the seed, a clock or id source). */
export type IssueDeps = Omit<CommandDeps, "afterCommit">;

/**
 * Handles a command and then what it sets off. The one rule: a command
 * appends only its own stream's events; everything they imply for other
 * aggregates (an invoice for a purchase, a credit note for a downgrade) is a
 * policy's command, caused by the event and keyed by it. Those run right
 * after the commit, so the caller's answer includes them (`followUps`), and
 * the policy reactor (policy-reactor.ts) runs the same policies again from
 * the log, which finishes whatever a crash or a failure interrupted.
 */
export function issueCommand(deps: IssueDeps, request: CommandRequest): Promise<CommandResult> {
  return handleCommand(
    { ...deps, afterCommit: (committed) => runPolicies(committed, (followUp) => issueCommand(deps, followUp)) },
    request,
  );
}
