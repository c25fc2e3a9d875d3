import { aggregates, type InvoiceState } from "@/lib/domain";
import type { InvoiceLine } from "@/lib/domain/invoice/events";
import { streamIdFor } from "@/lib/event-store";
import { INVOICES } from "@/lib/projections/invoices/projection";
import { getInvoice, type InvoiceView, listInvoicesForAccount } from "@/lib/projections/invoices/queries";
import { unprojectedForStream } from "@/lib/projections/read-after-write";
import type { TimelineEntry, TimelinePage } from "@/lib/timeline/entry";
import { readTimeline, toEntries } from "@/lib/timeline/read";
import { ACCOUNT_TIMELINE } from "@/lib/timeline/read-model/projection";
import { factsByEventIds } from "@/lib/timeline/read-model/queries";
import { positiveInt, type QueryDeps, type SearchParams } from "./params";

export const INVOICE_TIMELINE_PER_PAGE = 50;

/**
 * What support and finance call an invoice. "partially paid" is an open
 * invoice with net payments and something left to pay; "draft" (not issued)
 * cannot happen today, but the word is kept so the vocabulary stays whole.
 */
export const INVOICE_STATUSES = ["draft", "open", "partially paid", "paid", "void", "uncollectible"] as const;
export type InvoiceStatusLabel = (typeof INVOICE_STATUSES)[number];

type Figures = Pick<InvoiceView, "paid" | "refunded" | "balance"> & { status: InvoiceView["status"] | "draft" };

export function invoiceStatusOf(invoice: Figures): InvoiceStatusLabel {
  if (invoice.status === "open" && invoice.paid - invoice.refunded > 0 && invoice.balance > 0) return "partially paid";
  return invoice.status;
}

/** The invoice's figures: InvoiceView without the read model's bookkeeping. */
export type InvoiceData = Omit<InvoiceView, "lastPosition">;

/** An event an invoice line bills for, or a credit note compensates: as the timeline knows it (null: not there yet). */
export interface SourceEvent {
  eventId: string;
  entry: Pick<TimelineEntry, "position" | "accountId" | "type" | "actorLabel" | "occurredAt" | "sentence"> | null;
}

export interface InvoicePage {
  invoice: InvoiceData;
  status: InvoiceStatusLabel;
  lines: (InvoiceLine & { sources: SourceEvent[] })[];
  creditNotes: (InvoiceData["creditNotes"][number] & { compensates: SourceEvent | null })[];
  timeline: TimelinePage;
  /** Events of the invoice the read models have not applied: figures (`summary`) and timeline. */
  pending: { summary: number; timeline: number };
  /** True when the invoices read model has no row yet and the figures were folded from the log. */
  fromLog: boolean;
}

// The read model trails the log: an invoice it has not seen yet is folded from its stream, not a 404.
async function invoiceFromLog(deps: QueryDeps, streamId: string): Promise<InvoiceData | null> {
  if ((await deps.store.streamVersion(streamId)) === 0) return null;
  const { state } = await deps.store.loadAggregate(streamId, aggregates.invoice.decider);
  const invoice = state as InvoiceState;
  return invoice.status === "none" ? null : invoice;
}

async function sourceEvents(deps: QueryDeps, eventIds: readonly string[]): Promise<Map<string, SourceEvent>> {
  const entries = await toEntries(deps, await factsByEventIds(deps.db, [...new Set(eventIds)]));
  const found = new Map(entries.map((e) => [e.eventId, e]));
  return new Map(
    eventIds.map((eventId) => {
      const e = found.get(eventId);
      const entry = e
        ? {
            position: e.position,
            accountId: e.accountId,
            type: e.type,
            actorLabel: e.actorLabel,
            occurredAt: e.occurredAt,
            sentence: e.sentence,
          }
        : null;
      return [eventId, { eventId, entry }];
    }),
  );
}

/**
 * One invoice's page: status, figures, lines with the events they bill for,
 * money in and out, and a page of the invoice's own timeline. Null when no
 * such invoice exists (or the id cannot name one).
 */
export async function readInvoicePage(
  deps: QueryDeps,
  invoiceId: string,
  params: SearchParams,
): Promise<InvoicePage | null> {
  let streamId: string;
  try {
    streamId = streamIdFor("invoice", invoiceId);
  } catch {
    return null;
  }
  const [row, timeline, pendingSummary, pendingTimeline] = await Promise.all([
    getInvoice(deps.db, invoiceId),
    readTimeline(deps, { streamId }, { limit: INVOICE_TIMELINE_PER_PAGE, cursor: positiveInt(params.cursor) }),
    unprojectedForStream(deps.db.raw, INVOICES, streamId),
    unprojectedForStream(deps.db.raw, ACCOUNT_TIMELINE, streamId),
  ]);
  const invoice = row ? withoutBookkeeping(row) : await invoiceFromLog(deps, streamId);
  if (!invoice) return null;
  const sources = await sourceEvents(deps, [
    ...invoice.lines.flatMap((line) => line.sourceEventIds),
    ...invoice.creditNotes.flatMap((note) => (note.compensatesEventId ? [note.compensatesEventId] : [])),
  ]);
  return {
    invoice,
    status: invoiceStatusOf(invoice),
    lines: invoice.lines.map((line) => ({ ...line, sources: line.sourceEventIds.map((id) => sources.get(id)!) })),
    creditNotes: invoice.creditNotes.map((note) => ({
      ...note,
      compensates: note.compensatesEventId ? sources.get(note.compensatesEventId)! : null,
    })),
    timeline,
    pending: { summary: pendingSummary, timeline: pendingTimeline },
    fromLog: row === null,
  };
}

function withoutBookkeeping({ lastPosition: _, ...invoice }: InvoiceView): InvoiceData {
  return invoice;
}

/** An account's invoices for a table: newest issued first (the latest `limit`), each with its status word. */
export async function readAccountInvoices(deps: Pick<QueryDeps, "db">, accountId: string, limit?: number) {
  const invoices = await listInvoicesForAccount(deps.db, accountId, { limit });
  return invoices.map((invoice) => ({ ...withoutBookkeeping(invoice), statusLabel: invoiceStatusOf(invoice) }));
}
export type AccountInvoice = Awaited<ReturnType<typeof readAccountInvoices>>[number];
