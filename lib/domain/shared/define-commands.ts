import type { z } from "zod";
import type { CommandDefinition, StreamKind } from "./command-definition";
import type { Decider, DomainEvent } from "./decider";
import type { CommandUnionOf, SchemaMap } from "./unions";

/** What a command needs besides its schema and decider. */
export type CommandRouting = Pick<
  CommandDefinition,
  "targetKey" | "creates" | "ids" | "corrective" | "catalog" | "operation" | "prices" | "backdate"
>;

export type CommandDefinitionsOf<M extends SchemaMap, S, E extends DomainEvent> = {
  [K in keyof M & string]: CommandDefinition<K, z.output<M[K]>, S, E>;
};

/** One CommandDefinition per schema of an aggregate's command map, all with the aggregate's decider. */
export function defineCommands<M extends SchemaMap, S, E extends DomainEvent>(
  streamKind: StreamKind,
  schemas: M,
  decider: Decider<CommandUnionOf<M>, E, S>,
  routing: { [K in keyof M & string]: CommandRouting },
): CommandDefinitionsOf<M, S, E> {
  const entries = (Object.keys(schemas) as (keyof M & string)[]).map((type) => [
    type,
    { type, schema: schemas[type]!, streamKind, decider, ...routing[type] },
  ]);
  return Object.fromEntries(entries) as CommandDefinitionsOf<M, S, E>;
}
