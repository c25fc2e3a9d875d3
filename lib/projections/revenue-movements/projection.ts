import type { SubscriptionState } from "@/lib/domain";
import { defineProjection } from "../types";
import { EVENT_TYPES, evolveWith, initialStateOf, jsonb } from "../shared/fold";
import { classify, type RevenueAccount } from "./movements";

export const REVENUE_MOVEMENTS = "revenue-movements";

interface AccountRow {
  mrr: bigint;
  currency: string | null;
  has_been_paying: boolean;
  churned: boolean;
  subscription: SubscriptionState;
}

/**
 * MRR movements per UTC day (of the event's occurredAt) and account: each
 * subscription event is folded with the domain's evolve, and the change in
 * list-price MRR it makes is classified (see movements.ts).
 */
export const revenueMovementsProjection = defineProjection({
  name: REVENUE_MOVEMENTS,
  version: 1,
  eventTypes: EVENT_TYPES.subscription,
  tables: ["rm_revenue_movements", "rm_revenue_accounts"],
  async apply(ctx, event) {
    const accounts = ctx.table("rm_revenue_accounts");
    const [row] = await ctx.tx.$queryRaw<AccountRow[]>`
      SELECT mrr, currency, has_been_paying, churned, subscription FROM ${accounts}
      WHERE account_id = ${event.accountId}`;
    const current: RevenueAccount = row
      ? {
          mrr: Number(row.mrr),
          currency: row.currency,
          hasBeenPaying: row.has_been_paying,
          churned: row.churned,
          subscription: row.subscription,
        }
      : {
          mrr: 0,
          currency: null,
          hasBeenPaying: false,
          churned: false,
          subscription: initialStateOf("subscription"),
        };
    const { account: a, movement: m } = classify(current, evolveWith("subscription", current.subscription, event));
    await ctx.tx.$executeRaw`
      INSERT INTO ${accounts} (account_id, mrr, currency, has_been_paying, churned, subscription)
      VALUES (${event.accountId}, ${a.mrr}::bigint, ${a.currency}, ${a.hasBeenPaying}, ${a.churned},
        ${jsonb(a.subscription)}::jsonb)
      ON CONFLICT (account_id) DO UPDATE SET mrr = EXCLUDED.mrr, currency = EXCLUDED.currency,
        has_been_paying = EXCLUDED.has_been_paying, churned = EXCLUDED.churned, subscription = EXCLUDED.subscription`;
    if (!m) return;
    const day = event.occurredAt.toISOString().slice(0, 10);
    // Never null here: one side of a movement is an active subscription, which names its currency.
    const currency = a.currency ?? current.currency ?? "XXX";
    await ctx.tx.$executeRaw`
      INSERT INTO ${ctx.table("rm_revenue_movements")} AS t (day, account_id, currency, new_mrr, expansion_mrr,
        contraction_mrr, churn_mrr, reactivation_mrr)
      VALUES (${day}::date, ${event.accountId}, ${currency}, ${m.newMrr}::bigint, ${m.expansionMrr}::bigint,
        ${m.contractionMrr}::bigint, ${m.churnMrr}::bigint, ${m.reactivationMrr}::bigint)
      ON CONFLICT (day, account_id) DO UPDATE SET currency = EXCLUDED.currency,
        new_mrr = t.new_mrr + EXCLUDED.new_mrr, expansion_mrr = t.expansion_mrr + EXCLUDED.expansion_mrr,
        contraction_mrr = t.contraction_mrr + EXCLUDED.contraction_mrr, churn_mrr = t.churn_mrr + EXCLUDED.churn_mrr,
        reactivation_mrr = t.reactivation_mrr + EXCLUDED.reactivation_mrr`;
  },
});
