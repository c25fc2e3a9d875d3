import { BILLING_POLICY_TRIGGERS } from "@/lib/domain";
import { defineProjection, type Projection } from "@/lib/projections/types";
import type { Runtime } from "@/lib/server/runtime";
import { handleCommand } from "./handle-command";
import { runPolicies } from "./policies";

/**
 * The billing policy as a reactor on the global log: for every triggering
 * event, the follow-up commands are run again. They are idempotent (keys
 * derived from the event), so what the inline run after the command already
 * did is a lookup, and what it missed (a crash between the command and its
 * follow-up, a transient failure) is done now. No tables of its own; a
 * follow-up that keeps failing stops it with the event named, like a projection.
 */
export function createPolicyReactor(runtime: Runtime): Projection {
  return defineProjection({
    name: "billing-policy",
    version: 1,
    eventTypes: BILLING_POLICY_TRIGGERS,
    tables: [],
    reactor: true,
    async apply(_ctx, event) {
      await runPolicies(runtime, {
        events: [{ type: event.type, data: event.data, eventId: event.eventId }],
        streamId: event.streamId,
        accountId: event.accountId,
        correlationId: event.metadata.correlationId,
        now: event.occurredAt,
        handle: handleCommand,
        onError: "throw",
      });
    },
  });
}
