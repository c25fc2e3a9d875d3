import { billingPolicy } from "@/lib/domain/billing/policy";
import type { InvoiceCommand } from "@/lib/domain/invoice/commands";
import { decideInvoice } from "@/lib/domain/invoice/decide";
import type { InvoiceEvent } from "@/lib/domain/invoice/events";
import { evolveInvoice } from "@/lib/domain/invoice/evolve";
import { initialInvoiceState } from "@/lib/domain/invoice/state";
import type { PriceChange } from "@/lib/domain/pricelist/state";
import type { SubscriptionCommand } from "@/lib/domain/subscription/commands";
import { decideSubscription } from "@/lib/domain/subscription/decide";
import type { SubscriptionEvent } from "@/lib/domain/subscription/events";
import { evolveSubscription } from "@/lib/domain/subscription/evolve";
import { initialSubscriptionState } from "@/lib/domain/subscription/state";
import type { LoggedEvent } from "@/lib/verification/rederive";
import type { ReadModelFigures, VerificationInput } from "@/lib/verification/types";

/**
 * An in-memory log for verification's unit specs: decides commands with the
 * real deciders, bills them with the real policy, and hands verification the
 * same input the loader builds from the store. `write` appends events as given
 * (what a buggy deployment wrote).
 */
export function createVerificationLog(accountId = "acme") {
  const events: LoggedEvent[] = [];
  let prices: { position: number; change: PriceChange }[] = [];
  let ids = 0;
  const nextId = (prefix: string) => `${prefix}-${++ids}`;
  const stream = (id: string) => events.filter((e) => e.streamId === id);

  function write(streamId: string, batch: { type: string; data: unknown }[], now: string): LoggedEvent[] {
    const requestId = nextId("req");
    const written = batch.map((e) => {
      const logged: LoggedEvent = {
        position: events.length + 1,
        eventId: nextId("evt"),
        streamId,
        version: stream(streamId).length + 1,
        type: e.type,
        data: e.data,
        occurredAt: now,
        requestId,
      };
      events.push(logged);
      return logged;
    });
    for (const e of written) {
      for (const command of billingPolicy({ ...e, accountId }, now)) {
        if (command.type === "OpenAccount") continue;
        const invoiceCommand = command as InvoiceCommand;
        invoice(invoiceCommand.type, invoiceCommand.data, now, String(invoiceCommand.data.invoiceId));
      }
    }
    return written;
  }

  function invoice(type: InvoiceCommand["type"], data: unknown, now: string, invoiceId: string): LoggedEvent[] {
    const streamId = `invoice-${invoiceId}`;
    const state = stream(streamId).reduce(
      (s, e) => evolveInvoice(s, e as unknown as InvoiceEvent),
      initialInvoiceState(),
    );
    const decided = decideInvoice(state, {
      type,
      data,
      context: { now, ids: [nextId("id"), nextId("id")] },
    } as InvoiceCommand);
    return write(streamId, decided, now);
  }

  return {
    events,
    /** Decides a subscription command as the handler would (price list's changes so far in the context). */
    subscription(type: SubscriptionCommand["type"], data: Record<string, unknown>, now: string, invoiceId?: string) {
      const streamId = `subscription-${accountId}`;
      const state = stream(streamId).reduce(
        (s, e) => evolveSubscription(s, e as unknown as SubscriptionEvent),
        initialSubscriptionState(),
      );
      const context = { now, ids: [invoiceId ?? nextId("inv")], prices: prices.map((p) => p.change) };
      const decided = decideSubscription(state, { type, data: { accountId, ...data }, context } as SubscriptionCommand);
      return write(streamId, decided, now);
    },
    invoice,
    write,
    changePrice(change: PriceChange) {
      prices = [...prices, { position: events.length, change }];
    },
    /** What the store-backed loader would read for this invoice. */
    inputFor(invoiceId: string, readModel: ReadModelFigures | null = null): VerificationInput {
      const invoiceEvents = stream(`invoice-${invoiceId}`);
      const named = invoiceEvents.flatMap((e) => {
        const d = e.data as { lines?: { sourceEventIds: string[] }[]; compensatesEventId?: string };
        return [
          ...(d.lines ?? []).flatMap((l) => l.sourceEventIds),
          ...(d.compensatesEventId ? [d.compensatesEventId] : []),
        ];
      });
      const sources: VerificationInput["sources"] = {};
      for (const id of named) {
        const source = events.find((e) => e.eventId === id);
        if (!source || !source.streamId.startsWith("subscription-")) continue;
        sources[id] = {
          stream: stream(source.streamId).filter((e) => e.version <= source.version),
          prices: prices.filter((p) => p.position < source.position).map((p) => p.change),
        };
      }
      return { invoiceId, position: events.length, invoiceEvents, sources, readModel };
    },
  };
}
