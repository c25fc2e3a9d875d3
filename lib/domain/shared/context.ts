import type { BillingInterval, PlanCode } from "../catalog/plans";
import { priceAt } from "../pricelist/state";
import type { Command } from "./decider";
import { normalizeInstant } from "./time";

/** The instant the command is decided at, in canonical ISO form. */
export function nowOf(command: Pick<Command, "context">): string {
  return normalizeInstant(command.context.now);
}

/**
 * The index-th fresh id the handler supplied (see CommandDefinition.ids).
 * A missing id is a bug in the caller, not a business rule, so this throws a
 * plain Error rather than a DomainError.
 */
export function freshId(command: Pick<Command, "type" | "context">, index = 0): string {
  const id = command.context.ids?.[index];
  if (!id) throw new Error(`${command.type} needs fresh id #${index + 1} in context.ids`);
  return id;
}

/** A plan's price per seat per period at an instant, from the price list the handler passed (else the catalogue). */
export function priceOf(
  command: Pick<Command, "context">,
  plan: PlanCode,
  interval: BillingInterval,
  at: string,
): number {
  return priceAt(command.context.prices, plan, interval, at);
}
