import type { InvoiceState } from "@/lib/domain";
import type { IssuedInvoice } from "@/lib/domain/invoice/state";
import { defineReadModel, type TableSpec } from "../types";
import { EVENT_TYPES, evolveWith, initialStateOf } from "../shared/fold";

export const INVOICES = "invoices";

interface InvoiceRow {
  invoice_id: string;
  account_id: string;
  currency: string;
  status: string;
  lines: unknown[];
  charged: bigint;
  credited: bigint;
  paid: bigint;
  refunded: bigint;
  balance: bigint;
  issued_at: Date;
  due_at: Date;
  credit_notes: unknown[];
  payments: unknown[];
  refunds: unknown[];
  failed_payments: unknown[];
  voided: { reason: string; at: string } | null;
  marked_uncollectible: { reason: string; at: string } | null;
  last_position: bigint;
}

/** An invoice's row: its state, the account it was first seen under, and the last event folded in. */
interface StoredInvoice {
  invoiceId: string;
  accountId: string;
  state: IssuedInvoice;
  lastPosition: number;
}

const rmInvoices: TableSpec<StoredInvoice, InvoiceRow> = {
  key: ["invoice_id"],
  columns: {
    invoice_id: "text",
    account_id: "text",
    currency: "text",
    status: "text",
    lines: "jsonb",
    charged: "bigint",
    credited: "bigint",
    paid: "bigint",
    refunded: "bigint",
    balance: "bigint",
    issued_at: "timestamptz",
    due_at: "timestamptz",
    credit_notes: "jsonb",
    payments: "jsonb",
    refunds: "jsonb",
    failed_payments: "jsonb",
    voided: "jsonb",
    marked_uncollectible: "jsonb",
    last_position: "bigint",
  },
  fromRow: (row) => ({
    invoiceId: row.invoice_id,
    accountId: row.account_id,
    lastPosition: Number(row.last_position),
    // The row back as the InvoiceState evolve continues from.
    state: {
      status: row.status as IssuedInvoice["status"],
      invoiceId: row.invoice_id,
      accountId: row.account_id,
      currency: row.currency,
      lines: row.lines as never,
      issuedAt: row.issued_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      charged: Number(row.charged),
      credited: Number(row.credited),
      paid: Number(row.paid),
      refunded: Number(row.refunded),
      balance: Number(row.balance),
      creditNotes: row.credit_notes as never,
      payments: row.payments as never,
      refunds: row.refunds as never,
      failedPayments: row.failed_payments as never,
      voided: row.voided,
      markedUncollectible: row.marked_uncollectible,
    },
  }),
  toRow: ({ invoiceId, accountId, state: s, lastPosition }) => ({
    invoice_id: invoiceId,
    account_id: accountId,
    currency: s.currency,
    status: s.status,
    lines: s.lines,
    charged: s.charged,
    credited: s.credited,
    paid: s.paid,
    refunded: s.refunded,
    balance: s.balance,
    issued_at: s.issuedAt,
    due_at: s.dueAt,
    credit_notes: s.creditNotes,
    payments: s.payments,
    refunds: s.refunds,
    failed_payments: s.failedPayments,
    voided: s.voided,
    marked_uncollectible: s.markedUncollectible,
    last_position: lastPosition,
  }),
};

const invoiceIdOf = (streamId: string) => streamId.slice("invoice-".length);

/** One row per invoice: the InvoiceState folded by the domain's evolve, column by column. */
export const invoicesProjection = defineReadModel({
  name: INVOICES,
  version: 1,
  eventTypes: EVENT_TYPES.invoice,
  tables: { rm_invoices: rmInvoices },
  keys: (event) => ({ rm_invoices: [invoiceIdOf(event.streamId)] }),
  fold(rows, event) {
    const invoiceId = invoiceIdOf(event.streamId);
    const row = rows.rm_invoices.get(invoiceId);
    // A stream's positions grow with its versions: a row at or past this event already has it.
    if (row && row.lastPosition >= event.position) return;
    const state = evolveWith<InvoiceState>("invoice", row?.state ?? initialStateOf("invoice"), event);
    if (state.status === "none") return; // nothing before InvoiceIssued
    const accountId = row?.accountId ?? event.accountId;
    rows.rm_invoices.set(invoiceId, { invoiceId, accountId, state, lastPosition: event.position });
  },
});
