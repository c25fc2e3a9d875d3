import type { InvoiceState } from "@/lib/domain";
import { defineProjection } from "../types";
import { EVENT_TYPES, evolveWith, initialStateOf, jsonb } from "../shared/fold";

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

/** One row per invoice: the InvoiceState folded by the domain's evolve, column by column. */
export const invoicesProjection = defineProjection({
  name: INVOICES,
  version: 1,
  eventTypes: EVENT_TYPES.invoice,
  tables: ["rm_invoices"],
  async apply(ctx, event) {
    const table = ctx.table("rm_invoices");
    const invoiceId = event.streamId.slice("invoice-".length);
    const [row] = await ctx.tx.$queryRaw<InvoiceRow[]>`SELECT * FROM ${table} WHERE invoice_id = ${invoiceId}`;
    // A stream's positions grow with its versions: a row at or past this event already has it.
    if (row && Number(row.last_position) >= event.position) return;
    const s = evolveWith("invoice", row ? stateOf(row) : initialStateOf<InvoiceState>("invoice"), event);
    if (s.status === "none") return; // nothing before InvoiceIssued
    await ctx.tx.$executeRaw`
      INSERT INTO ${table} (invoice_id, account_id, currency, status, lines, charged, credited, paid, refunded,
        balance, issued_at, due_at, credit_notes, payments, refunds, failed_payments, voided, marked_uncollectible,
        last_position)
      VALUES (${invoiceId}, ${event.accountId}, ${s.currency}, ${s.status}, ${jsonb(s.lines)}::jsonb,
        ${s.charged}::bigint, ${s.credited}::bigint, ${s.paid}::bigint, ${s.refunded}::bigint, ${s.balance}::bigint,
        ${s.issuedAt}::timestamptz, ${s.dueAt}::timestamptz, ${jsonb(s.creditNotes)}::jsonb,
        ${jsonb(s.payments)}::jsonb, ${jsonb(s.refunds)}::jsonb, ${jsonb(s.failedPayments)}::jsonb,
        ${jsonb(s.voided)}::jsonb, ${jsonb(s.markedUncollectible)}::jsonb, ${event.position}::bigint)
      ON CONFLICT (invoice_id) DO UPDATE SET currency = EXCLUDED.currency, status = EXCLUDED.status,
        lines = EXCLUDED.lines, charged = EXCLUDED.charged, credited = EXCLUDED.credited, paid = EXCLUDED.paid,
        refunded = EXCLUDED.refunded, balance = EXCLUDED.balance, issued_at = EXCLUDED.issued_at,
        due_at = EXCLUDED.due_at, credit_notes = EXCLUDED.credit_notes, payments = EXCLUDED.payments,
        refunds = EXCLUDED.refunds, failed_payments = EXCLUDED.failed_payments, voided = EXCLUDED.voided,
        marked_uncollectible = EXCLUDED.marked_uncollectible, last_position = EXCLUDED.last_position`;
  },
});

/** The row back as the InvoiceState evolve continues from. */
function stateOf(row: InvoiceRow): InvoiceState {
  return {
    status: row.status as Exclude<InvoiceState["status"], "none">,
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
  };
}
