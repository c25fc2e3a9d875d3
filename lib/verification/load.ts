import type { Database } from "@/lib/db/types";
import { STANDARD_PRICE_LIST } from "@/lib/domain/pricelist/commands";
import { evolvePriceList } from "@/lib/domain/pricelist/evolve";
import type { PriceListEvent } from "@/lib/domain/pricelist/events";
import { initialPriceListState } from "@/lib/domain/pricelist/state";
import type { AsOf, EventStore, RecordedEvent } from "@/lib/event-store";
import { getInvoice } from "@/lib/projections/invoices/queries";
import type { LoggedEvent, SourceHistory } from "./rederive";
import type { ReadModelFigures, VerificationInput } from "./types";
import { verifyInvoice } from "./verify-invoice";

export interface VerifyDeps {
  db: Database;
  store: EventStore;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const logged = (e: RecordedEvent): LoggedEvent => ({
  position: e.position,
  eventId: e.eventId,
  streamId: e.streamId,
  version: e.version,
  type: e.type,
  data: e.data,
  occurredAt: e.occurredAt.toISOString(),
  requestId: e.metadata.requestId,
});

/**
 * Reads what verifying invoices needs (the I/O half; verifyInvoice is the pure
 * half). One per page or reconciliation run: it keeps the price list's events,
 * which every re-derivation folds up to its own billing event.
 */
export function createVerifier(deps: VerifyDeps) {
  let priceList: Promise<LoggedEvent[]> | undefined;
  const priceEvents = () =>
    (priceList ??= deps.store.readStream(`pricelist-${STANDARD_PRICE_LIST}`).then((es) => es.map(logged)));

  async function sourcesOf(eventIds: string[]): Promise<Record<string, SourceHistory>> {
    const ids = [...new Set(eventIds)].filter((id) => UUID.test(id));
    if (ids.length === 0) return {};
    const rows = await deps.db.prisma.$queryRaw<{ event_id: string; stream_id: string; stream_version: number }[]>`
      SELECT event_id::text, stream_id, stream_version FROM events
      WHERE event_id = ANY(${ids}::uuid[]) AND stream_type = 'subscription'`;
    const prices = await priceEvents();
    const sources: Record<string, SourceHistory> = {};
    const byStream = new Map<string, typeof rows>();
    for (const row of rows) byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row]);
    for (const [streamId, named] of byStream) {
      const upTo = Math.max(...named.map((r) => Number(r.stream_version)));
      const stream = (await deps.store.readStream(streamId, { toVersion: upTo })).map(logged);
      for (const row of named) {
        const history = stream.slice(0, Number(row.stream_version));
        const position = history.at(-1)!.position;
        const changes = prices
          .filter((p) => p.position < position)
          .reduce((s, p) => evolvePriceList(s, p as unknown as PriceListEvent), initialPriceListState()).changes;
        sources[row.event_id] = { stream: history, prices: changes };
      }
    }
    return sources;
  }

  /** The input for one invoice as the log held it at `asOf` (default: the read horizon now). Null: no such invoice then. */
  async function inputFor(invoiceId: string, asOf?: AsOf): Promise<VerificationInput | null> {
    const cut = asOf ?? { position: (await deps.store.readHorizon()).safePosition };
    const events = (await deps.store.readStream(`invoice-${invoiceId}`, { asOf: cut })).map(logged);
    if (events.length === 0) return null;
    const named = events.flatMap((e) => {
      const d = e.data as { lines?: { sourceEventIds: string[] }[]; compensatesEventId?: string };
      return [
        ...(d.lines ?? []).flatMap((l) => l.sourceEventIds),
        ...(d.compensatesEventId ? [d.compensatesEventId] : []),
      ];
    });
    const [sources, row] = await Promise.all([sourcesOf(named), getInvoice(deps.db, invoiceId)]);
    const readModel: ReadModelFigures | null = row
      ? {
          status: row.status,
          charged: row.charged,
          credited: row.credited,
          paid: row.paid,
          refunded: row.refunded,
          balance: row.balance,
          lineCount: row.lines.length,
          lastPosition: row.lastPosition,
        }
      : null;
    const position = "position" in cut ? cut.position : events.at(-1)!.position;
    return { invoiceId, position, invoiceEvents: events, sources, readModel };
  }

  return {
    inputFor,
    async verify(invoiceId: string, asOf?: AsOf) {
      const input = await inputFor(invoiceId, asOf);
      return input ? verifyInvoice(input) : null;
    },
  };
}
