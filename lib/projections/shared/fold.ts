import { aggregates, type StreamKind } from "@/lib/domain";
import { accountEventSchemas } from "@/lib/domain/account/events";
import { invoiceEventSchemas } from "@/lib/domain/invoice/events";
import { leadEventSchemas } from "@/lib/domain/lead/events";
import { operationsEventSchemas } from "@/lib/domain/operations/events";
import { priceListEventSchemas } from "@/lib/domain/pricelist/events";
import { subscriptionEventSchemas } from "@/lib/domain/subscription/events";
import type { RecordedEvent } from "@/lib/event-store";

/** Event types per stream kind. */
export const EVENT_TYPES: Readonly<Record<StreamKind, readonly string[]>> = {
  account: Object.keys(accountEventSchemas),
  subscription: Object.keys(subscriptionEventSchemas),
  invoice: Object.keys(invoiceEventSchemas),
  lead: Object.keys(leadEventSchemas),
  pricelist: Object.keys(priceListEventSchemas),
  operations: Object.keys(operationsEventSchemas),
};

export function isStreamKind(kind: string): kind is StreamKind {
  return Object.hasOwn(aggregates, kind);
}

export function initialStateOf<S>(kind: StreamKind): S {
  return aggregates[kind].decider.initialState() as S;
}

/** The domain's own evolve for the stream's aggregate: read models fold exactly as the deciders do. */
export function evolveWith<S>(kind: StreamKind, state: S, event: Pick<RecordedEvent, "type" | "data">): S {
  return aggregates[kind].decider.evolve(state, { type: event.type, data: event.data }) as S;
}

/** The event's business time as an ISO string. */
export const occurredAtOf = (event: Pick<RecordedEvent, "occurredAt">) => event.occurredAt.toISOString();

/** JSON text for a `::jsonb` parameter. */
export const jsonb = (value: unknown) => JSON.stringify(value ?? null);

/** A Date column as the ISO string queries return. */
export const toIso = (value: Date | null | undefined) => value?.toISOString() ?? null;
