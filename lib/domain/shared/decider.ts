import type { PriceChange } from "../pricelist/state";

/** A domain event as the domain sees it: a past-tense business fact and its data. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/**
 * What every command carries besides its data: the time it is decided at and
 * the ids it may need. Domain code has no clock and no randomness; the
 * command handler fills these in.
 */
export interface CommandContext {
  /** ISO-8601 instant the command is decided at. */
  now: string;
  /** Fresh ids the decision may use (e.g. a new invoice's id), consumed in order. */
  ids?: readonly string[];
  /** The price list's changes, for decisions that price a period (the catalogue's list prices without them). */
  prices?: readonly PriceChange[];
  /** Who is asking ("user:dana", "system:billing-policy"), for rules about people (four eyes). */
  actor?: string;
}

export interface Command<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  context: CommandContext;
}

/**
 * The pure heart of an aggregate. decide never mutates and throws a
 * DomainError to reject; evolve never rejects (history is fact).
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  initialState: () => S;
  decide: (state: S, command: C) => E[];
  evolve: (state: S, event: E) => S;
}

/** Folds a history into state. */
export function fold<E extends DomainEvent, S>(
  decider: Pick<Decider<never, E, S>, "initialState" | "evolve">,
  events: readonly E[],
): S {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Compile-time exhaustiveness for switches over a union's `type`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
