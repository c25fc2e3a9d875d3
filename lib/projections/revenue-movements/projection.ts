import type { SubscriptionState } from "@/lib/domain";
import { defineReadModel, type TableSpec } from "../types";
import { EVENT_TYPES, evolveWith, initialStateOf } from "../shared/fold";
import { classify, type Movement, type RevenueAccount } from "./movements";

export const REVENUE_MOVEMENTS = "revenue-movements";

interface AccountRow {
  account_id: string;
  mrr: bigint;
  currency: string | null;
  has_been_paying: boolean;
  churned: boolean;
  subscription: SubscriptionState;
}

/** One account's movements on one UTC day: this batch's, added to the stored ones. */
interface DayMovements extends Movement {
  day: string;
  accountId: string;
  currency: string;
}

const rmRevenueAccounts: TableSpec<RevenueAccount & { accountId: string }, AccountRow> = {
  key: ["account_id"],
  columns: {
    account_id: "text",
    mrr: "bigint",
    currency: "text",
    has_been_paying: "boolean",
    churned: "boolean",
    subscription: "jsonb",
  },
  fromRow: (row) => ({
    accountId: row.account_id,
    mrr: Number(row.mrr),
    currency: row.currency,
    hasBeenPaying: row.has_been_paying,
    churned: row.churned,
    subscription: row.subscription,
  }),
  toRow: (a) => ({
    account_id: a.accountId,
    mrr: a.mrr,
    currency: a.currency,
    has_been_paying: a.hasBeenPaying,
    churned: a.churned,
    subscription: a.subscription,
  }),
};

const rmRevenueMovements: TableSpec<DayMovements> = {
  key: ["day", "account_id"],
  write: "add",
  sums: ["new_mrr", "expansion_mrr", "contraction_mrr", "churn_mrr", "reactivation_mrr"],
  columns: {
    day: "date",
    account_id: "text",
    currency: "text",
    new_mrr: "bigint",
    expansion_mrr: "bigint",
    contraction_mrr: "bigint",
    churn_mrr: "bigint",
    reactivation_mrr: "bigint",
  },
  toRow: (m) => ({
    day: m.day,
    account_id: m.accountId,
    currency: m.currency,
    new_mrr: m.newMrr,
    expansion_mrr: m.expansionMrr,
    contraction_mrr: m.contractionMrr,
    churn_mrr: m.churnMrr,
    reactivation_mrr: m.reactivationMrr,
  }),
};

const dayOf = (occurredAt: Date) => occurredAt.toISOString().slice(0, 10);

/**
 * MRR movements per UTC day (of the event's occurredAt) and account: each
 * subscription event is folded with the domain's evolve, and the change in
 * list-price MRR it makes is classified (see movements.ts).
 */
export const revenueMovementsProjection = defineReadModel({
  name: REVENUE_MOVEMENTS,
  version: 1,
  eventTypes: EVENT_TYPES.subscription,
  tables: { rm_revenue_movements: rmRevenueMovements, rm_revenue_accounts: rmRevenueAccounts },
  keys: (event) => ({ rm_revenue_accounts: [event.accountId] }),
  fold(rows, event) {
    const current = rows.rm_revenue_accounts.get(event.accountId) ?? {
      accountId: event.accountId,
      mrr: 0,
      currency: null,
      hasBeenPaying: false,
      churned: false,
      subscription: initialStateOf<SubscriptionState>("subscription"),
    };
    const { account, movement: m } = classify(current, evolveWith("subscription", current.subscription, event));
    rows.rm_revenue_accounts.set(event.accountId, { ...account, accountId: event.accountId });
    if (!m) return;
    const key = [dayOf(event.occurredAt), event.accountId] as const;
    const before = rows.rm_revenue_movements.get(key); // this batch's, if any
    // Never null here: one side of a movement is an active subscription, which names its currency.
    const currency = account.currency ?? current.currency ?? "XXX";
    rows.rm_revenue_movements.set(key, {
      day: key[0],
      accountId: event.accountId,
      currency,
      newMrr: (before?.newMrr ?? 0) + m.newMrr,
      expansionMrr: (before?.expansionMrr ?? 0) + m.expansionMrr,
      contractionMrr: (before?.contractionMrr ?? 0) + m.contractionMrr,
      churnMrr: (before?.churnMrr ?? 0) + m.churnMrr,
      reactivationMrr: (before?.reactivationMrr ?? 0) + m.reactivationMrr,
    });
  },
});
