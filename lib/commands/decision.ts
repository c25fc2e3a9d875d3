import { randomUUID } from "node:crypto";
import { type Permission, requirePermission } from "@/lib/auth/permissions";
import {
  type CommandDefinition,
  commandDefinitions,
  COMMAND_TYPES,
  type DomainEvent,
  isCommandType,
} from "@/lib/domain";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { ConcurrencyError } from "@/lib/event-store";
import { requestHashOf } from "./idempotency";
import { takeOccurredAt } from "./occurred-at";
import { type CommandDeps, type CommandScope, type CommandStore, type IdSource, systemClock } from "./ports";
import { type LoadedTarget, loadPrices } from "./load-target";
import { checkPreconditions } from "./preconditions";
import type { CommandRequest } from "./request";
import { readEventTarget, type RoutedDefinition, routeCommand } from "./routing";
import { accountIdOf, parseData } from "./targets";

/** A command checked and ready to decide: what every step after validation works from. */
export type Context = {
  request: CommandRequest;
  definition: RoutedDefinition;
  /** For a command that names an event (SupersedeEvent): its position. */
  eventPosition: number | null;
  data: Record<string, unknown>;
  reason: string | null;
  targetId: string;
  streamId: string;
  key: string | null;
  requestHash: string;
  requestId: string;
  /** When the command happened in the business: decided as of it, stamped on its events. */
  now: Date;
};

/** What the caller's role must allow to issue a command of this kind. */
export function permissionFor(definition: CommandDefinition): Permission {
  if (definition.corrective) return "corrective-command";
  if (definition.catalog) return "manage-catalog";
  if (definition.operation) return "operate";
  return "command";
}

/**
 * Checks a request before anything is read: the command exists, the caller's
 * role may issue it, its data is valid (and its `occurredAt` within limits),
 * a correction says why; and where it goes (a command that names an event
 * goes to that event's stream), under which idempotency key.
 */
export async function prepareCommand(
  deps: Pick<CommandDeps, "clock" | "store">,
  request: CommandRequest,
): Promise<Context> {
  if (!isCommandType(request.type)) {
    throw new NotFoundError(`There is no command "${request.type}". Commands: ${COMMAND_TYPES.join(", ")}.`);
  }
  const declared = commandDefinitions[request.type];
  if ("principal" in request.caller) {
    requirePermission(request.caller.principal, permissionFor(declared));
  }
  // The clock, or when the caller says it happened (backdated, within the limit, where the command allows it).
  const clock = request.now ?? (deps.clock ?? systemClock).now();
  const stated = takeOccurredAt(request.data, clock, declared);
  const now = stated.occurredAt ?? clock;
  const data = parseData(declared, stated.data);
  const reason = request.reason?.trim() || (typeof data.reason === "string" ? data.reason : null);
  if (declared.corrective && !reason) {
    throw new InvalidInputError(`${declared.type} is a correction and needs a reason`, [
      { path: "reason", message: "say why this correction is made" },
    ]);
  }
  const { definition, targetId, streamId, eventPosition } = await routeCommand(deps.store, declared, data);
  const scope =
    "principal" in request.caller
      ? `${request.caller.principal.type}:${request.caller.principal.id}`
      : `system:${request.caller.system}`;
  const key = request.idempotencyKey ? `${scope}:${request.idempotencyKey}` : null;
  const requestHash = requestHashOf(request.type, request.data);
  const requestId = request.requestId ?? randomUUID();
  return { request, definition, eventPosition, data, reason, targetId, streamId, key, requestHash, requestId, now };
}

/**
 * The decision on a loaded state: cross-aggregate preconditions, the expected
 * version, then the decider's events. A command that names an event is
 * decided on that event itself, read afresh (a racing supersession shows).
 */
export async function decideOn(
  store: CommandStore,
  ids: IdSource,
  ctx: Context,
  loaded: LoadedTarget,
  scope?: CommandScope,
): Promise<{ events: DomainEvent[]; accountId: string }> {
  const { request, definition, data, streamId, now } = ctx;
  const named = ctx.eventPosition !== null ? await readEventTarget(store, ctx.eventPosition) : null;
  const state = named ? named.target : loaded.state;
  let accountId = named ? named.accountId : accountIdOf(definition, data, loaded.state, ctx.targetId);
  // (The named event exists by construction; a correction applies to a closed account's history too.)
  if (!named) {
    await checkPreconditions(
      store,
      {
        kind: definition.streamKind,
        targetId: ctx.targetId,
        version: loaded.version,
        creates: Boolean(definition.creates),
        accountId,
        // Read in the target's own query, where its id was known before.
        account: loaded.account?.accountId === accountId ? loaded.account.loaded : undefined,
      },
      scope,
    );
  }
  if (request.expectedVersion !== undefined && loaded.version !== request.expectedVersion) {
    throw new ConcurrencyError(streamId, request.expectedVersion, loaded.version);
  }
  const newIds = Array.from({ length: definition.ids ?? 0 }, () => ids.newId());
  const prices = definition.prices ? (loaded.prices ?? (await loadPrices(store))) : undefined;
  const events = definition.decider.decide(state, {
    type: definition.type,
    data,
    context: { now: now.toISOString(), ids: newIds, actor: actorKey(request), ...(prices ? { prices } : {}) },
  });
  // A creating command may learn its account from its own decision (a lead's prospective account).
  const eventAccount = events
    .map((e) => (e.data as { accountId?: unknown }).accountId)
    .find((a) => typeof a === "string");
  accountId ??= (eventAccount as string | undefined) ?? null;
  if (!accountId) throw new Error(`${definition.type}: no account id for ${streamId}`);
  return { events, accountId };
}

/** The caller as decisions about people see it: "user:dana", "service:crm-sync", "system:billing-policy". */
function actorKey(request: CommandRequest): string {
  const { caller } = request;
  return "principal" in caller ? `${caller.principal.type}:${caller.principal.id}` : `system:${caller.system}`;
}
