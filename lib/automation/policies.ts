import { billingPolicy } from "@/lib/domain";
import type { CommandRequest, CommandResult } from "@/lib/commands/handle-command";
import type { CommittedCommand } from "@/lib/commands/ports";

export const BILLING_POLICY = "billing-policy";
export const LEAD_CONVERSION_POLICY = "lead-conversion-policy";
export const APPROVAL_POLICY = "four-eyes-approval";

const callerOf = (eventType: string, commandType: string) =>
  eventType === "ApprovalGranted"
    ? APPROVAL_POLICY
    : commandType === "OpenAccount"
      ? LEAD_CONVERSION_POLICY
      : BILLING_POLICY;

/**
 * Runs the billing policy on committed events: what they imply (the invoice
 * a purchase bills, the credit note a downgrade owes, the account a converted
 * lead opens) becomes commands of their own, caused by the event. Each
 * command's idempotency key is derived from the event, so running the policy
 * again for the same event (the reactor catching up after a crash) writes
 * nothing twice.
 */
export async function runPolicies(
  committed: CommittedCommand,
  issue: (request: CommandRequest) => Promise<CommandResult>,
  /** "log" (right after a command: the reactor retries) or "throw" (the reactor itself). */
  onError: "log" | "throw" = "log",
): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const event of committed.events) {
    const commands = billingPolicy(
      {
        type: event.type,
        data: event.data,
        eventId: event.eventId,
        streamId: committed.streamId,
        accountId: committed.accountId,
      },
      committed.now.toISOString(),
    );
    for (const [index, command] of commands.entries()) {
      try {
        results.push(
          await issue({
            type: command.type,
            data: command.data,
            caller: { system: callerOf(event.type, command.type) },
            source: "system",
            correlationId: committed.correlationId,
            causationId: event.eventId,
            idempotencyKey: `${event.eventId}:${index}`,
            now: committed.now,
            appVersion: committed.appVersion,
          }),
        );
      } catch (error) {
        if (onError === "throw") throw error;
        // The triggering command succeeded: a follow-up that fails is logged, not the caller's failure.
        console.error(`[policy] ${command.type} caused by ${event.type} ${event.eventId} failed:`, error);
      }
    }
  }
  return results;
}
