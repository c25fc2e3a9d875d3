import type { InvoiceState, SubscriptionState } from "@/lib/domain";
import { defineReadModel, type TableSpec } from "../types";
import { EVENT_TYPES, evolveWith, initialStateOf } from "../shared/fold";
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

const rmAccountSummary: TableSpec<Summary, SummaryRow> = {
  key: ["account_id"],
  columns: {
    account_id: "text",
    name: "text",
    billing_email: "text",
    account_status: "text",
    subscription_status: "text",
    subscription: "jsonb",
    plan: "text",
    interval: "text",
    seats: "integer",
    coupon_code: "text",
    mrr: "bigint",
    currency: "text",
    open_balance: "bigint",
    lifecycle_stage: "text",
    last_activity_at: "timestamptz",
    last_position: "bigint",
  },
  fromRow: (row) => ({
    accountId: row.account_id,
    name: row.name,
    billingEmail: row.billing_email,
    accountStatus: row.account_status,
    currency: row.currency,
    subscription: row.subscription,
    openBalance: Number(row.open_balance),
    lastActivityAt: row.last_activity_at.toISOString(),
    lastPosition: Number(row.last_position),
  }),
  toRow: (s) => ({
    account_id: s.accountId,
    name: s.name,
    billing_email: s.billingEmail,
    account_status: s.accountStatus,
    ...subscriptionColumns(s.subscription),
    subscription: s.subscription,
    currency: s.currency,
    open_balance: s.openBalance,
    lifecycle_stage: lifecycleStageOf(s.accountStatus, s.subscription),
    last_activity_at: s.lastActivityAt,
    last_position: s.lastPosition,
  }),
};

/** An invoice's status and balance (its state without lists), under the account it was first seen for. */
interface SummaryInvoice {
  invoiceId: string;
  accountId: string;
  state: InvoiceState;
}

const rmAccountSummaryInvoices: TableSpec<
  SummaryInvoice,
  { invoice_id: string; account_id: string; state: InvoiceState }
> = {
  key: ["invoice_id"],
  columns: { invoice_id: "text", account_id: "text", status: "text", balance: "bigint", state: "jsonb" },
  fromRow: (row) => ({ invoiceId: row.invoice_id, accountId: row.account_id, state: row.state }),
  toRow: ({ invoiceId, accountId, state }) => ({
    invoice_id: invoiceId,
    account_id: accountId,
    status: state.status,
    balance: state.status === "none" ? 0 : state.balance,
    state,
  }),
};

const invoiceIdOf = (streamId: string) => streamId.slice("invoice-".length);

/** What an invoice row adds to its account's open balance. */
const openAmount = (invoice: SummaryInvoice | undefined, accountId: string) =>
  invoice?.accountId === accountId && invoice.state.status === "open" ? invoice.state.balance : 0;

/**
 * One row per account: contact, subscription, list-price MRR, open balance and
 * lifecycle stage, folded in TypeScript (the subscription with the domain's
 * own evolve). The open balance is the sum of the account's open invoices'
 * balances, kept as each invoice changes.
 */
export const accountSummaryProjection = defineReadModel({
  name: ACCOUNT_SUMMARY,
  version: 1,
  eventTypes: [...EVENT_TYPES.account, ...EVENT_TYPES.subscription, ...EVENT_TYPES.invoice],
  tables: { rm_account_summary: rmAccountSummary, rm_account_summary_invoices: rmAccountSummaryInvoices },
  keys: (event) => ({
    rm_account_summary: [event.accountId],
    ...(event.streamType === "invoice" ? { rm_account_summary_invoices: [invoiceIdOf(event.streamId)] } : {}),
  }),
  fold(rows, event) {
    let summary = rows.rm_account_summary.get(event.accountId) ?? emptySummary(event.accountId, event);
    if (event.streamType === "invoice") {
      const invoiceId = invoiceIdOf(event.streamId);
      const found = rows.rm_account_summary_invoices.get(invoiceId);
      const state = compactInvoice(
        evolveWith("invoice", found?.state ?? initialStateOf<InvoiceState>("invoice"), event),
      );
      let stored = found;
      if (state.status !== "none") {
        stored = { invoiceId, accountId: found?.accountId ?? event.accountId, state };
        rows.rm_account_summary_invoices.set(invoiceId, stored);
      }
      const openBalance =
        summary.openBalance - openAmount(found, event.accountId) + openAmount(stored, event.accountId);
      summary = { ...summary, openBalance };
    }
    rows.rm_account_summary.set(event.accountId, evolveSummary(summary, event));
  },
});
