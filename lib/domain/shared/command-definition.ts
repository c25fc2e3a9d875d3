import type { z } from "zod";
import type { Command, Decider, DomainEvent } from "./decider";

export const STREAM_KINDS = [
  "account",
  "subscription",
  "invoice",
  "lead",
  "pricelist",
  "approval",
  "operations",
] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/**
 * Everything the one command handler needs to run a command of this type:
 * how to validate its data, which stream it targets, how many fresh ids the
 * decision takes, and the decider of that stream's aggregate.
 */
export interface CommandDefinition<
  TType extends string = string,
  TData = unknown,
  S = unknown,
  E extends DomainEvent = DomainEvent,
> {
  type: TType;
  /** Validates the command's data (the HTTP body). Strict: unknown fields are errors. */
  schema: z.ZodType<TData>;
  /**
   * The target stream is `<streamKind>-<data[targetKey]>`. "event": the
   * command names an event by its global position (data[targetKey]) and is
   * appended to that event's stream, whatever its kind (SupersedeEvent).
   */
  streamKind: StreamKind | "event";
  /** The data field that holds the target id (accountId, invoiceId or leadId). */
  targetKey: string;
  /** A creating command may omit its target id; the handler then makes one and puts it in the data. */
  creates?: boolean;
  /** How many fresh ids decide may take from context.ids (e.g. a new invoice's id). */
  ids?: number;
  /** Corrective commands (admins only) must carry a reason. */
  corrective?: boolean;
  /** Catalogue commands (a price change) are for admins only: they change what every customer pays. */
  catalog?: boolean;
  /** An operation on the projections or the log (admins): recorded by the console, which also performs it. */
  operation?: boolean;
  /** The decision prices a period: the handler passes the price list's changes in the context. */
  prices?: boolean;
  /** false: it takes effect from when it is recorded, so `data.occurredAt` is refused (a price change). */
  backdate?: boolean;
  decider: Decider<Command<TType, TData>, E, S>;
}
