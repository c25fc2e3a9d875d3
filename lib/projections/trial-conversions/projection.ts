import type { SubscriptionEventData } from "@/lib/domain/subscription/events";
import { defineProjection } from "../types";

export const TRIAL_CONVERSIONS = "trial-conversions";

/**
 * Every trial and how it ended: converted (on which plan, how many seats, at
 * which price per seat — the price list in effect then), canceled, or still
 * running. Answers "which trials converted after the pricing change, and at
 * which price".
 */
export const trialConversionsProjection = defineProjection({
  name: TRIAL_CONVERSIONS,
  // 2: canceled_at is the cancellation's own time, not when it was recorded.
  version: 2,
  eventTypes: ["TrialStarted", "TrialConverted", "SubscriptionCanceled"],
  tables: ["rm_trial_conversions"],
  async apply(ctx, event) {
    const table = ctx.table("rm_trial_conversions");
    switch (event.type) {
      case "TrialStarted": {
        const d = event.data as SubscriptionEventData<"TrialStarted">;
        await ctx.tx.$executeRaw`
          INSERT INTO ${table} (account_id, trial_plan, trial_seats, trial_started_at, trial_ends_at, status, last_position)
          VALUES (${event.accountId}, ${d.plan}, ${d.seats}::integer, ${d.trialStart}::timestamptz,
                  ${d.trialEnd}::timestamptz, 'trialing', ${event.position}::bigint)
          ON CONFLICT (account_id) DO NOTHING`;
        return;
      }
      case "TrialConverted": {
        const d = event.data as SubscriptionEventData<"TrialConverted">;
        await ctx.tx.$executeRaw`
          UPDATE ${table} SET status = 'converted', converted_at = ${d.periodStart}::timestamptz, plan = ${d.plan},
            interval = ${d.interval}, seats = ${d.seats}::integer, unit_price = ${d.unitPrice}::bigint,
            currency = ${d.currency}, last_position = ${event.position}::bigint
          WHERE account_id = ${event.accountId} AND last_position < ${event.position}::bigint`;
        return;
      }
      case "SubscriptionCanceled": {
        // Only a trial that was still running ends as canceled; a paying customer's later cancellation is churn.
        // canceledAt, not occurredAt: a cancellation due at the trial's end may be recorded days later.
        const d = event.data as SubscriptionEventData<"SubscriptionCanceled">;
        await ctx.tx.$executeRaw`
          UPDATE ${table} SET status = 'canceled', canceled_at = ${d.canceledAt}::timestamptz, last_position = ${event.position}::bigint
          WHERE account_id = ${event.accountId} AND status = 'trialing' AND last_position < ${event.position}::bigint`;
        return;
      }
    }
  },
});
