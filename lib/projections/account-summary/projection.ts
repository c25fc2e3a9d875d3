import type { InvoiceState, SubscriptionState } from "@/lib/domain";
import type { RecordedEvent } from "@/lib/event-store";
import { defineProjection, type ProjectionContext } from "../types";
import { EVENT_TYPES, evolveWith, initialStateOf, jsonb } from "../shared/fold";
import {
  type AccountStatus,
  compactInvoice,
  emptySummary,
  evolveSummary,
  lifecycleStageOf,
  type Summary,
  subscriptionColumns,
} from "./summary";

export const ACCOUNT_SUMMARY = "account-summary";

interface SummaryRow {
  account_id: string;
  name: string | null;
  billing_email: string | null;
  account_status: AccountStatus;
  subscription: SubscriptionState;
  currency: string | null;
  open_balance: bigint;
  last_activity_at: Date;
  last_position: bigint;
}

/**
 * One row per account: contact, subscription, list-price MRR, open balance and
 * lifecycle stage. Each event loads the row, folds the event in TypeScript
 * (the subscription with the domain's own evolve) and writes the row back.
 */
export const accountSummaryProjection = defineProjection({
  name: ACCOUNT_SUMMARY,
  version: 1,
  eventTypes: [...EVENT_TYPES.account, ...EVENT_TYPES.subscription, ...EVENT_TYPES.invoice],
  tables: ["rm_account_summary", "rm_account_summary_invoices"],
  async apply(ctx, event) {
    const [row] = await ctx.tx.$queryRaw<SummaryRow[]>`
      SELECT account_id, name, billing_email, account_status, subscription, currency, open_balance,
        last_activity_at, last_position
      FROM ${ctx.table("rm_account_summary")} WHERE account_id = ${event.accountId}`;
    let summary = row ? fromRow(row) : emptySummary(event.accountId, event);
    if (event.streamType === "invoice") summary = { ...summary, openBalance: await applyInvoice(ctx, event) };
    await save(ctx, evolveSummary(summary, event));
  },
});

function fromRow(row: SummaryRow): Summary {
  return {
    accountId: row.account_id,
    name: row.name,
    billingEmail: row.billing_email,
    accountStatus: row.account_status,
    currency: row.currency,
    subscription: row.subscription,
    openBalance: Number(row.open_balance),
    lastActivityAt: row.last_activity_at.toISOString(),
    lastPosition: Number(row.last_position),
  };
}

async function save(ctx: ProjectionContext, s: Summary) {
  const sub = subscriptionColumns(s.subscription);
  const stage = lifecycleStageOf(s.accountStatus, s.subscription);
  await ctx.tx.$executeRaw`
    INSERT INTO ${ctx.table("rm_account_summary")} AS t (account_id, name, billing_email, account_status,
      subscription_status, subscription, plan, "interval", seats, coupon_code, mrr, currency, open_balance,
      lifecycle_stage, last_activity_at, last_position)
    VALUES (${s.accountId}, ${s.name}, ${s.billingEmail}, ${s.accountStatus}, ${sub.subscription_status},
      ${jsonb(s.subscription)}::jsonb, ${sub.plan}, ${sub.interval}, ${sub.seats}::integer, ${sub.coupon_code},
      ${sub.mrr}::bigint, ${s.currency}, ${s.openBalance}::bigint, ${stage}, ${s.lastActivityAt}::timestamptz,
      ${s.lastPosition}::bigint)
    ON CONFLICT (account_id) DO UPDATE SET name = EXCLUDED.name, billing_email = EXCLUDED.billing_email,
      account_status = EXCLUDED.account_status, subscription_status = EXCLUDED.subscription_status,
      subscription = EXCLUDED.subscription, plan = EXCLUDED.plan, "interval" = EXCLUDED."interval",
      seats = EXCLUDED.seats, coupon_code = EXCLUDED.coupon_code, mrr = EXCLUDED.mrr, currency = EXCLUDED.currency,
      open_balance = EXCLUDED.open_balance, lifecycle_stage = EXCLUDED.lifecycle_stage,
      last_activity_at = EXCLUDED.last_activity_at, last_position = EXCLUDED.last_position`;
}

/** Folds an invoice event into the helper row; returns the account's new open balance. */
async function applyInvoice(ctx: ProjectionContext, event: RecordedEvent): Promise<number> {
  const invoices = ctx.table("rm_account_summary_invoices");
  const invoiceId = event.streamId.slice("invoice-".length);
  const [found] = await ctx.tx.$queryRaw<{ state: InvoiceState }[]>`
    SELECT state FROM ${invoices} WHERE invoice_id = ${invoiceId}`;
  const state = compactInvoice(evolveWith("invoice", found?.state ?? initialStateOf<InvoiceState>("invoice"), event));
  if (state.status !== "none") {
    await ctx.tx.$executeRaw`
      INSERT INTO ${invoices} (invoice_id, account_id, status, balance, state)
      VALUES (${invoiceId}, ${event.accountId}, ${state.status}, ${state.balance}::bigint, ${jsonb(state)}::jsonb)
      ON CONFLICT (invoice_id) DO UPDATE
      SET status = EXCLUDED.status, balance = EXCLUDED.balance, state = EXCLUDED.state`;
  }
  const [total] = await ctx.tx.$queryRaw<{ open: bigint }[]>`
    SELECT COALESCE(SUM(balance), 0)::bigint AS open FROM ${invoices}
    WHERE account_id = ${event.accountId} AND status = 'open'`;
  return Number(total?.open ?? 0);
}
