import { billingPolicy } from "@/lib/domain";
import type { CommandRequest, CommandResult, PlannedCommand } from "@/lib/commands/handle-command";
import type { CommittedCommand, InlineFollowUps } from "@/lib/commands/ports";

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
 * What committed events imply (the invoice a purchase bills, the credit note
 * a downgrade owes, the account a converted lead opens): commands of their
 * own, caused by the event. Each command's idempotency key is derived from
 * the event, so running the policy again for the same event (the reactor
 * catching up after a crash) writes nothing twice.
 */
export function policyCommands(committed: CommittedCommand): { request: CommandRequest; cause: string }[] {
  return committed.events.flatMap((event) =>
    billingPolicy(
      {
        type: event.type,
        data: event.data,
        eventId: event.eventId,
        streamId: committed.streamId,
        accountId: committed.accountId,
      },
      committed.now.toISOString(),
    ).map((command, index) => ({
      cause: `${command.type} caused by ${event.type} ${event.eventId}`,
      request: {
        type: command.type,
        data: command.data,
        caller: { system: callerOf(event.type, command.type) },
        source: "system" as const,
        correlationId: committed.correlationId,
        causationId: event.eventId,
        idempotencyKey: `${event.eventId}:${index}`,
        now: committed.now,
        appVersion: committed.appVersion,
      },
    })),
  );
}

/**
 * Runs the policies on committed events, one follow-up command after the
 * other (the reactor, and a command whose follow-ups could not be written
 * with it).
 */
export async function runPolicies(
  committed: CommittedCommand,
  issue: (request: CommandRequest) => Promise<CommandResult>,
  /** "log" (right after a command: the reactor retries) or "throw" (the reactor itself). */
  onError: "log" | "throw" = "log",
): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const { request, cause } of policyCommands(committed)) {
    const result = await issueOrLog(issue, request, cause, onError);
    if (result) results.push(result);
  }
  return results;
}

async function issueOrLog(
  issue: (request: CommandRequest) => Promise<CommandResult>,
  request: CommandRequest,
  cause: string,
  onError: "log" | "throw",
): Promise<CommandResult | null> {
  try {
    return await issue(request);
  } catch (error) {
    if (onError === "throw") throw error;
    // The triggering command succeeded: a follow-up that fails is logged, not the caller's failure.
    console.error(`[policy] ${cause} failed:`, error);
    return null;
  }
}

/**
 * The follow-ups of events not yet appended, decided now so that they are
 * written in their cause's statement: the invoice commits with the purchase
 * or neither does. A follow-up that cannot be decided here (refused, or held
 * for approval) is issued after the commit as before, and logged if it fails
 * there too; the reactor retries it from the log.
 */
export async function planPolicies(
  committed: CommittedCommand,
  plan: (request: CommandRequest) => Promise<PlannedCommand | null>,
  issue: (request: CommandRequest) => Promise<CommandResult>,
): Promise<InlineFollowUps> {
  const commands = policyCommands(committed);
  const planned: (PlannedCommand | null)[] = [];
  for (const { request } of commands) planned.push(await plan(request).catch(() => null));
  return {
    appends: planned.flatMap((p) => (p?.append ? [p.append] : [])),
    async finish(results) {
      const out: CommandResult[] = [];
      let next = 0;
      for (const [i, { request, cause }] of commands.entries()) {
        const p = planned[i];
        if (!p) {
          const result = await issueOrLog(issue, request, cause, "log");
          if (result) out.push(result);
          continue;
        }
        const appended = p.append ? results[next++]! : null;
        // What the follow-up's own events imply (none of today's policies chain) runs after the commit.
        const followUps = p.committed ? await runPolicies(p.committed, issue) : [];
        out.push({ ...p.result(appended), followUps });
      }
      return out;
    },
  };
}
