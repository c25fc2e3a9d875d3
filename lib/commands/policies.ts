import { billingPolicy, type DomainEvent } from "@/lib/domain";
import type { Runtime } from "@/lib/server/runtime";
import type { CommandRequest, CommandResult } from "./handle-command";

export const BILLING_POLICY = "billing-policy";
export const LEAD_CONVERSION_POLICY = "lead-conversion-policy";

/**
 * Runs the billing policy on freshly appended events: what they imply (the
 * invoice a purchase bills, the credit note a downgrade owes, the account a
 * converted lead opens) becomes commands of their own, caused by the event.
 * Each command's idempotency key is derived from the event, so running the
 * policy again for the same event (a retry, or a catch-up after a crash)
 * writes nothing twice.
 */
export async function runPolicies(
  runtime: Runtime,
  args: {
    events: (DomainEvent & { eventId: string })[];
    streamId: string;
    accountId: string;
    correlationId: string;
    now: Date;
    /** The deployment handling the triggering command (its follow-ups are written by the same). */
    appVersion?: string;
    handle: (runtime: Runtime, request: CommandRequest) => Promise<CommandResult>;
    /** "log" (inline, after a command: the catch-up reactor retries) or "throw" (the reactor itself). */
    onError?: "log" | "throw";
  },
): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const event of args.events) {
    const commands = billingPolicy(
      {
        type: event.type,
        data: event.data,
        eventId: event.eventId,
        streamId: args.streamId,
        accountId: args.accountId,
      },
      args.now.toISOString(),
    );
    for (const [index, command] of commands.entries()) {
      // Inline, the triggering command already succeeded: a follow-up that
      // fails is logged, not reported as the caller's failure; the policy
      // reactor (policy-reactor.ts) retries it from the log.
      try {
        results.push(
          await args.handle(runtime, {
            type: command.type,
            data: command.data,
            caller: { system: command.type === "OpenAccount" ? LEAD_CONVERSION_POLICY : BILLING_POLICY },
            source: "system",
            correlationId: args.correlationId,
            causationId: event.eventId,
            idempotencyKey: `${event.eventId}:${index}`,
            now: args.now,
            appVersion: args.appVersion,
          }),
        );
      } catch (error) {
        if (args.onError === "throw") throw error;
        console.error(`[policy] ${command.type} caused by ${event.type} ${event.eventId} failed:`, error);
      }
    }
  }
  return results;
}
