import type { DomainEvent } from "@/lib/domain";
import type { AppendOptions, AppendResult, EventStore, NewEvent } from "@/lib/event-store";
import { newId } from "./ids";
import type { CommandResult } from "./results";

/** What the command handler reads and writes through: the event store's command-side calls. */
export type CommandStore = Pick<
  EventStore,
  | "loadAggregate"
  | "loadAggregates"
  | "append"
  | "appendAll"
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
 * One command and the policy follow-ups it sets off right after its commit
 * (lib/automation/issue-command.ts). A follow-up (the invoice a seat change
 * bills) is caused by events committed a moment before, so it skips reads
 * whose answer it knows or whose absence its append checks anyway: the
 * account its cause's open-account check read (preconditions.ts); the lookup
 * of its idempotency key (the append claims the key, and a taken key answers
 * with the earlier result); the load of a stream it creates (the append
 * expects no stream; if one exists, it loads and decides again). The cause,
 * and the policy reactor's re-runs, read everything afresh.
 */
export interface CommandScope {
  /** Account states the open-account checks of this command tree read. */
  accounts: Map<string, { state: unknown; version: number }>;
  followUp: boolean;
}

/** One stream's append as a command asks for it. */
export interface AppendItem {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

/** Follow-ups appended in their cause's statement: their appends, and their results once it committed. */
export interface InlineFollowUps {
  appends: AppendItem[];
  finish(results: AppendResult[]): Promise<CommandResult[]>;
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
  /** The follow-ups that must hold with these events, decided before the append and written in it. */
  inline?: (committed: CommittedCommand) => Promise<InlineFollowUps>;
  /** What runs after the commit: the follow-ups, when they could not go with it. */
  afterCommit?: (committed: CommittedCommand) => Promise<CommandResult[]>;
  scope?: CommandScope;
}
