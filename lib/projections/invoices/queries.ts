import { containsText } from "@/lib/db/contains";
import type { Database } from "@/lib/db/types";
import type { IssuedInvoice } from "@/lib/domain/invoice/state";
import type { Prisma, RmInvoice } from "@/lib/generated/prisma/client";

export interface InvoiceView {
  invoiceId: string;
  accountId: string;
  currency: string;
  status: IssuedInvoice["status"];
  lines: IssuedInvoice["lines"];
  /** Minor units of `currency`; balance = charged − credited − paid + refunded. */
  charged: number;
  credited: number;
  paid: number;
  refunded: number;
  balance: number;
  issuedAt: string;
  dueAt: string;
  creditNotes: IssuedInvoice["creditNotes"];
  payments: IssuedInvoice["payments"];
  refunds: IssuedInvoice["refunds"];
  failedPayments: IssuedInvoice["failedPayments"];
  voided: IssuedInvoice["voided"];
  markedUncollectible: IssuedInvoice["markedUncollectible"];
  lastPosition: number;
}

const json = <T>(value: Prisma.JsonValue | null) => value as unknown as T;

function toView(row: RmInvoice): InvoiceView {
  return {
    invoiceId: row.invoiceId,
    accountId: row.accountId,
    currency: row.currency,
    status: row.status as InvoiceView["status"],
    lines: json(row.lines),
    charged: Number(row.charged),
    credited: Number(row.credited),
    paid: Number(row.paid),
    refunded: Number(row.refunded),
    balance: Number(row.balance),
    issuedAt: row.issuedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    creditNotes: json(row.creditNotes),
    payments: json(row.payments),
    refunds: json(row.refunds),
    failedPayments: json(row.failedPayments),
    voided: json(row.voided),
    markedUncollectible: json(row.markedUncollectible),
    lastPosition: Number(row.lastPosition),
  };
}

export async function getInvoice(db: Database, invoiceId: string): Promise<InvoiceView | null> {
  const row = await db.prisma.rmInvoice.findUnique({ where: { invoiceId } });
  return row ? toView(row) : null;
}

/** An account's invoices, newest issued first. */
export async function listInvoicesForAccount(
  db: Database,
  accountId: string,
  { status, limit }: { status?: InvoiceView["status"][]; limit?: number } = {},
): Promise<InvoiceView[]> {
  const rows = await db.prisma.rmInvoice.findMany({
    where: { accountId, ...(status?.length ? { status: { in: status } } : {}) },
    orderBy: [{ issuedAt: "desc" }, { invoiceId: "desc" }],
    ...(limit ? { take: limit } : {}),
  });
  return rows.map(toView);
}

/** How many invoices an account has (the account page lists the latest few). */
export async function countInvoicesForAccount(db: Database, accountId: string): Promise<number> {
  return db.prisma.rmInvoice.count({ where: { accountId } });
}

/** For finance: every open invoice (balance > 0, not written off), earliest due first; `dueBefore` keeps the overdue. */
export async function listOpenInvoices(
  db: Database,
  { dueBefore, limit = 500 }: { dueBefore?: string; limit?: number } = {},
): Promise<InvoiceView[]> {
  const rows = await db.prisma.rmInvoice.findMany({
    where: { status: "open", ...(dueBefore ? { dueAt: { lt: new Date(dueBefore) } } : {}) },
    orderBy: [{ dueAt: "asc" }, { invoiceId: "asc" }],
    take: limit,
  });
  return rows.map(toView);
}

/** Invoices whose id contains `text` (any case), newest issued first; `more` when there are more than `limit`. */
export async function searchInvoices(
  db: Database,
  text: string,
  limit: number,
): Promise<{ items: InvoiceView[]; more: boolean }> {
  const rows = await db.prisma.rmInvoice.findMany({
    where: { invoiceId: containsText(text) },
    orderBy: [{ issuedAt: "desc" }, { invoiceId: "desc" }],
    take: limit + 1,
  });
  return { items: rows.slice(0, limit).map(toView), more: rows.length > limit };
}
