import { BILLING_POLICY_TRIGGERS } from "@/lib/domain";
import type { EventStore } from "@/lib/event-store";
import { defineReactor, type Reactor } from "@/lib/projections/types";
import { issueCommand } from "./issue-command";
import { runPolicies } from "./policies";

/**
 * The billing policy as a reactor on the global log: for every triggering
 * event, the follow-up commands are run again. They are idempotent (keys
 * derived from the event), so what ran right after the command is a lookup,
 * and what it missed (a crash between the command and its follow-up, a
 * transient failure) is done now. No tables of its own; a follow-up that
 * keeps failing stops it with the event named, like a projection.
 */
export function createPolicyReactor(deps: { store: EventStore }): Reactor {
  return defineReactor({
    name: "billing-policy",
    version: 1,
    eventTypes: BILLING_POLICY_TRIGGERS,
    async react(event) {
      await runPolicies(
        {
          events: [{ type: event.type, data: event.data, eventId: event.eventId }],
          streamId: event.streamId,
          accountId: event.accountId,
          correlationId: event.metadata.correlationId,
          now: event.occurredAt,
        },
        (request) => issueCommand(deps, request),
        "throw",
      );
    },
  });
}
