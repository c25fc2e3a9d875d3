import type { CommandDefinition } from "@/lib/domain";
import { operationsAccountId } from "@/lib/domain/operations/commands";
import { priceListAccountId } from "@/lib/domain/pricelist/commands";
import { InvalidInputError } from "@/lib/errors";
import { EventValidationError, streamIdFor, zodIssues } from "@/lib/event-store";
import { newId } from "./ids";

/** Validates the command's data with its schema; the parsed copy is what decide sees. */
export function parseData(definition: CommandDefinition, input: unknown): Record<string, unknown> {
  const parsed = definition.schema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(`The ${definition.type} command's data is invalid`, zodIssues(parsed.error, "data"));
  }
  return { ...(parsed.data as Record<string, unknown>) };
}

/** The target id from the data, or a new one for a creating command (written into the data). */
export function resolveTargetId(definition: CommandDefinition, data: Record<string, unknown>): string {
  const given = data[definition.targetKey];
  if (typeof given === "string" && given.length > 0) return given;
  if (!definition.creates) {
    throw new InvalidInputError(`The ${definition.type} command's data is invalid`, [
      { path: `data.${definition.targetKey}`, message: "is required" },
    ]);
  }
  const made = newId();
  data[definition.targetKey] = made;
  return made;
}

export function streamIdOf(definition: CommandDefinition, targetId: string): string {
  try {
    return streamIdFor(definition.streamKind, targetId);
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error;
    throw new InvalidInputError(`The ${definition.type} command's data is invalid`, [
      { path: `data.${definition.targetKey}`, message: "use letters, digits, '_', '.', ':' or '-' (at most 128)" },
    ]);
  }
}

/** The account a command belongs to: the account stream itself, the data's accountId, or the loaded state's. */
export function accountIdOf(
  definition: CommandDefinition,
  data: Record<string, unknown>,
  state: unknown,
  targetId: string,
) {
  if (definition.streamKind === "account") return targetId;
  // A price list belongs to no customer: its events form a timeline of their own.
  if (definition.streamKind === "pricelist") return priceListAccountId(targetId);
  if (definition.streamKind === "operations") return operationsAccountId(targetId);
  if (typeof data.accountId === "string") return data.accountId;
  const fromState = (state as { accountId?: string | null }).accountId;
  return typeof fromState === "string" ? fromState : null;
}
