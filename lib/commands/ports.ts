import type { DomainEvent } from "@/lib/domain";
import type { EventStore } from "@/lib/event-store";
import { newId } from "./ids";
import type { CommandResult } from "./results";

/** What the command handler reads and writes through: the event store's command-side calls. */
export type CommandStore = Pick<
  EventStore,
  | "loadAggregate"
  | "append"
  | "findIdempotentResult"
  | "recordIdempotentRejection"
  | "recordReplay"
  | "readSupersedeTarget"
>;

export interface Clock {
  now(): Date;
}

export interface IdSource {
  newId(): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdSource = { newId };

/** A command's events once committed, as the reactions after the commit see them. */
export interface CommittedCommand {
  events: (DomainEvent & { eventId: string })[];
  streamId: string;
  accountId: string;
  correlationId: string;
  /** When the command happened in the business. */
  now: Date;
  /** The deployment that handled it, where the caller named one. */
  appVersion?: string;
}

/**
 * The open-account check's reads (preconditions.ts) within one command and
 * the policy follow-ups it sets off: a follow-up (the invoice a seat change
 * bills) is checked against the account as its cause saw it a moment before,
 * instead of reading it again. The cause itself always reads afresh.
 */
export interface AccountReads {
  loaded: Map<string, { state: unknown; version: number }>;
  /** True for follow-ups: use what the cause read. */
  reuse: boolean;
}

/**
 * What handling a command depends on: a store, a clock and an id source, and
 * what runs after its commit (lib/automation wires the policies in here; the
 * handler knows nothing of them).
 */
export interface CommandDeps {
  store: CommandStore;
  clock?: Clock;
  ids?: IdSource;
  afterCommit?: (committed: CommittedCommand) => Promise<CommandResult[]>;
  accountReads?: AccountReads;
}
