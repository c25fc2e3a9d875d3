import type { CommandDefinition } from "./shared/command-definition";
import { approvalCommandDefinitions } from "./approval/decider";
import type { ApprovalCommand } from "./approval/commands";
import { accountCommandDefinitions } from "./account/decider";
import type { AccountCommand } from "./account/commands";
import { correctionCommandDefinitions } from "./corrections/decider";
import type { CorrectionCommand } from "./corrections/commands";
import { invoiceCommandDefinitions } from "./invoice/decider";
import type { InvoiceCommand } from "./invoice/commands";
import { leadCommandDefinitions } from "./lead/decider";
import type { LeadCommand } from "./lead/commands";
import { operationsCommandDefinitions } from "./operations/decider";
import type { OperationsCommand } from "./operations/commands";
import { priceListCommandDefinitions } from "./pricelist/decider";
import type { PriceListCommand } from "./pricelist/commands";
import { subscriptionCommandDefinitions } from "./subscription/decider";
import type { SubscriptionCommand } from "./subscription/commands";

/** Every command, each precisely typed (its data, its aggregate's state and events). */
export const typedCommandDefinitions = {
  ...accountCommandDefinitions,
  ...subscriptionCommandDefinitions,
  ...invoiceCommandDefinitions,
  ...leadCommandDefinitions,
  ...priceListCommandDefinitions,
  ...approvalCommandDefinitions,
  ...operationsCommandDefinitions,
  ...correctionCommandDefinitions,
};

export type CommandType = keyof typeof typedCommandDefinitions;
export type DomainCommand =
  | AccountCommand
  | SubscriptionCommand
  | InvoiceCommand
  | LeadCommand
  | PriceListCommand
  | ApprovalCommand
  | OperationsCommand
  | CorrectionCommand;
export type CommandOf<T extends CommandType> = Extract<DomainCommand, { type: T }>;
export type CommandDataOf<T extends CommandType> = CommandOf<T>["data"];

/**
 * The catalogue the command handler dispatches on: `POST /api/commands/<CommandType>`.
 * Typed loosely (a decider takes any command) because the handler picks the
 * definition by a runtime string; it must parse the data with `schema` before
 * calling `decider.decide`, which makes the loose call sound.
 */
export const commandDefinitions = typedCommandDefinitions as unknown as Readonly<
  Record<CommandType, CommandDefinition>
>;

export const COMMAND_TYPES = Object.keys(typedCommandDefinitions) as CommandType[];

export function isCommandType(value: string): value is CommandType {
  return Object.prototype.hasOwnProperty.call(typedCommandDefinitions, value);
}
