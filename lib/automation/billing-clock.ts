import { aggregates, DomainError, type SubscriptionState } from "@/lib/domain";
import type { Database } from "@/lib/db/types";
import type { EventStore } from "@/lib/event-store";
import { listAccountsWithSubscriptionDue } from "@/lib/projections/account-summary/queries";
import { issueCommand } from "./issue-command";

/** The clock reads subscriptions (the store, the account-summary read model) and issues commands. */
export interface BillingClockDeps {
  db: Database;
  store: EventStore;
}

export const BILLING_CLOCK = "billing-clock";

type Due = { type: "RenewSubscription" | "CancelSubscription"; at: string } | null;

/** What time has made due for a subscription: its scheduled cancellation first, else the next period. */
export function dueAction(state: SubscriptionState, now: Date): Due {
  if (state.status === "none" || state.status === "canceled") return null;
  if (state.cancellation && new Date(state.cancellation.effectiveAt) <= now) {
    return { type: "CancelSubscription", at: state.cancellation.effectiveAt };
  }
  if (state.status === "active" && new Date(state.periodEnd) <= now)
    return { type: "RenewSubscription", at: state.periodEnd };
  return null;
}

/**
 * Which subscriptions a run looks at: "all" folds every subscription stream
 * (needs no read model: the demo seed, and a periodic sweep); "due" only the
 * accounts the account-summary read model shows something due for (each
 * minute's tick, cheap at any number of accounts). Either way the decision is
 * made on the stream itself, never on the read model.
 */
export type ClockScope = "all" | "due";

async function candidates(deps: BillingClockDeps, now: Date, scope: ClockScope) {
  if (scope === "due") {
    const accountIds = await listAccountsWithSubscriptionDue(deps.db, now);
    return accountIds.map((accountId) => ({ streamId: `subscription-${accountId}`, accountId }));
  }
  return deps.db.prisma.stream.findMany({
    where: { streamType: "subscription" },
    select: { streamId: true, accountId: true },
  });
}

/**
 * Moves subscriptions to the present: renews periods that ended (each
 * renewal bills its period through the billing policy) and completes
 * cancellations that came due, in business time (the period's end). Keys are
 * per account and period, so two clocks, or a clock and a retry, act once.
 */
export async function runBillingClock(deps: BillingClockDeps, now = new Date(), { scope = "all" as ClockScope } = {}) {
  const streams = await candidates(deps, now, scope);
  let renewed = 0;
  let canceled = 0;
  for (const { streamId, accountId } of streams) {
    // A subscription left alone for months needs one renewal per missed period.
    for (let step = 0; step < 120; step++) {
      const { state } = await deps.store.loadAggregate(streamId, aggregates.subscription.decider);
      const due = dueAction(state as SubscriptionState, now);
      if (!due) break;
      try {
        await issueCommand(deps, {
          type: due.type,
          data: { accountId },
          caller: { system: BILLING_CLOCK },
          source: "system",
          now: new Date(due.at),
          idempotencyKey: `${due.type}:${accountId}:${due.at}`,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        console.warn(`[billing-clock] ${due.type} for ${accountId} refused: ${error.code}: ${error.message}`);
        break;
      }
      if (due.type === "RenewSubscription") renewed++;
      else canceled++;
    }
  }
  return { renewed, canceled };
}
