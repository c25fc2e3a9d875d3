import { randomUUID } from "node:crypto";
import { actorOf, type Permission, type Principal, requirePermission } from "@/lib/auth/permissions";
import { appVersion } from "@/lib/app-version";
import {
  aggregates,
  type CommandDefinition,
  commandDefinitions,
  COMMAND_TYPES,
  DomainError,
  isCommandType,
} from "@/lib/domain";
import { STANDARD_PRICE_LIST } from "@/lib/domain/pricelist/commands";
import type { PriceChange, PriceListState } from "@/lib/domain/pricelist/state";
import { AppError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { metrics } from "@/lib/metrics/registry";
import { type Actor, type AppendResult, ConcurrencyError, type Source } from "@/lib/event-store";
import { requestHashOf, toStoredRejection, translateIdempotencyError } from "./idempotency";
import { type CommandResult, replayOf, resultOf } from "./results";
import { readEventTarget, type RoutedDefinition, routeCommand } from "./routing";
import { accountIdOf, parseData } from "./targets";
import { takeOccurredAt } from "./occurred-at";
import { type CommandDeps, type CommittedCommand, randomIds, systemClock } from "./ports";
import { checkPreconditions } from "./preconditions";

/** Who issues a command: a person or service (checked against its role), or our own automation. */
export type Caller = { principal: Principal } | { system: string };
export type { CommandResult, CommandDeps };

export interface CommandRequest {
  type: string;
  /** The command's data as received (validated here). */
  data: unknown;
  caller: Caller;
  source: Source;
  requestId?: string;
  /** Defaults to the request id: a new story starts here. */
  correlationId?: string;
  causationId?: string | null;
  /** A repeat with the same key gets the first answer and writes nothing. */
  idempotencyKey?: string | null;
  /** Why; required for corrective commands (else taken from the data's `reason`). */
  reason?: string | null;
  /** The version the caller saw (HTTP If-Match); a mismatch is a conflict, never retried. */
  expectedVersion?: number;
  /** When the command is handled (the demo seed and policies set it; else the clock); `data.occurredAt` may backdate it. */
  now?: Date;
  /**
   * The deployment that handles it: this one by default. The demo seed, which
   * replays two years of history, names the earlier deployments it stands for.
   */
  appVersion?: string;
}

// Writers of one stream queue on its lock, so among n racing writers the last may lose n - 1 times;
// a short random pause between attempts keeps a burst from colliding again in lockstep.
const MAX_ATTEMPTS = 10;
const retryPause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/**
 * The one path by which anything changes state: validate → load (snapshot +
 * tail) → decide → append with the version it loaded → the reactions after
 * the commit (deps.afterCommit). Unpinned commands that lose a race are
 * retried from a fresh load; pinned ones (If-Match) are not.
 */
export async function handleCommand(deps: CommandDeps, request: CommandRequest): Promise<CommandResult> {
  const command = isCommandType(request.type) ? request.type : "unknown";
  const stop = metrics().commandDuration.startTimer({ command });
  try {
    const result = await handleCommandUnmetered(deps, request);
    stop({ outcome: "ok" });
    return result;
  } catch (error) {
    const outcome = outcomeOf(error);
    stop({ outcome });
    if (outcome === "rejected" || outcome === "conflict") {
      metrics().rejections.inc({ command, code: error instanceof DomainError ? error.code : "VERSION_CONFLICT" });
    }
    throw error;
  }
}

/** What the caller's role must allow to issue a command of this kind. */
function permissionFor(definition: CommandDefinition): Permission {
  if (definition.corrective) return "corrective-command";
  if (definition.catalog) return "manage-catalog";
  return "command";
}

function outcomeOf(error: unknown): string {
  if (error instanceof DomainError) return "rejected";
  if (error instanceof ConcurrencyError) return "conflict";
  if (error instanceof AppError) return error.status === 404 ? "not_found" : "invalid";
  return "error";
}

async function handleCommandUnmetered(deps: CommandDeps, request: CommandRequest): Promise<CommandResult> {
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
  const route = { definition, targetId, streamId, eventPosition };
  const context: Context = { request, ...route, data, reason, key, requestHash, requestId, now };

  try {
    if (key) {
      const earlier = await deps.store.findIdempotentResult(key, requestHash);
      if (earlier) return await replayed(deps, context, earlier);
    }
    return await decideAndAppend(deps, context);
  } catch (error) {
    throw translateIdempotencyError(error, request.idempotencyKey ?? "");
  }
}

type Context = {
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

async function decideAndAppend(deps: CommandDeps, ctx: Context): Promise<CommandResult> {
  const { store } = deps;
  const ids = deps.ids ?? randomIds;
  const { request, definition, data, streamId, key } = ctx;
  const { now } = ctx;
  const names = ctx.eventPosition !== null;
  for (let attempt = 1; ; attempt++) {
    // A command that names an event loads that event's stream (for its version) and decides on the event itself.
    const fold = names ? aggregates[definition.streamKind].decider : definition.decider;
    const loaded = await store.loadAggregate(streamId, fold);
    const named = names ? await readEventTarget(store, ctx.eventPosition!) : null;
    const state = named ? named.target : loaded.state;
    let accountId = named ? named.accountId : accountIdOf(definition, data, loaded.state, ctx.targetId);
    try {
      // (The named event exists by construction; a correction applies to a closed account's history too.)
      if (!names) {
        await checkPreconditions(store, {
          kind: definition.streamKind,
          targetId: ctx.targetId,
          version: loaded.version,
          creates: Boolean(definition.creates),
          accountId,
        });
      }
      if (request.expectedVersion !== undefined && loaded.version !== request.expectedVersion) {
        throw new ConcurrencyError(streamId, request.expectedVersion, loaded.version);
      }
      const newIds = Array.from({ length: definition.ids ?? 0 }, () => ids.newId());
      const prices = definition.prices ? await priceListChanges(store) : undefined;
      const events = definition.decider.decide(state, {
        type: definition.type,
        data,
        context: { now: now.toISOString(), ids: newIds, ...(prices ? { prices } : {}) },
      });
      // A creating command may learn its account from its own decision (a lead's prospective account).
      const eventAccount = events
        .map((e) => (e.data as { accountId?: unknown }).accountId)
        .find((a) => typeof a === "string");
      accountId ??= (eventAccount as string | undefined) ?? null;
      if (!accountId) throw new Error(`${definition.type}: no account id for ${streamId}`);
      if (events.length === 0) {
        return { ...resultOf(ctx, accountId, null), version: loaded.version, followUps: [] };
      }
      const appended = await store.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, occurredAt: now })),
        {
          expectedVersion: request.expectedVersion ?? (loaded.version === 0 ? "no_stream" : loaded.version),
          metadata: {
            actor: actorOf_(request.caller),
            source: request.source,
            requestId: ctx.requestId,
            correlationId: request.correlationId ?? ctx.requestId,
            causationId: request.causationId ?? null,
            idempotencyKey: request.idempotencyKey ?? null,
            commandType: definition.type,
            reason: ctx.reason,
            appVersion: request.appVersion ?? appVersion,
            accountId,
          },
          idempotency: key ? { key, requestHash: ctx.requestHash } : undefined,
        },
      );
      if (appended.replayed) return await replayed(deps, ctx, appended);
      const result = resultOf(ctx, accountId, appended);
      const committed: CommittedCommand = {
        events: events.map((event, i) => ({ ...event, eventId: appended.events[i]!.eventId })),
        streamId,
        accountId,
        correlationId: request.correlationId ?? ctx.requestId,
        now,
        appVersion: request.appVersion,
      };
      const followUps = deps.afterCommit ? await deps.afterCommit(committed) : [];
      return { ...result, followUps };
    } catch (error) {
      const retry =
        error instanceof ConcurrencyError && request.expectedVersion === undefined && attempt < MAX_ATTEMPTS;
      if (retry) {
        await retryPause(attempt);
        continue;
      }
      // A racing repeat with the same key may have won meanwhile: its answer is ours.
      if (
        key &&
        (error instanceof ConcurrencyError || error instanceof DomainError || error instanceof NotFoundError)
      ) {
        const earlier = await store.findIdempotentResult(key, ctx.requestHash);
        if (earlier) return await replayed(deps, ctx, earlier);
        const rejection = toStoredRejection(error);
        if (rejection) await store.recordIdempotentRejection(key, ctx.requestHash, rejection);
      }
      throw error;
    }
  }
}

/** The standard price list's changes: a decision that prices a period reads them (pure) from its context. */
async function priceListChanges(store: CommandDeps["store"]): Promise<readonly PriceChange[]> {
  const { state } = await store.loadAggregate(`pricelist-${STANDARD_PRICE_LIST}`, aggregates.pricelist.decider);
  return (state as PriceListState).changes;
}

/**
 * The answer to a repeat of an earlier request (same idempotency key): the
 * first request's result. Repeats from people and other systems are put on
 * record, so "was this applied twice?" has an answer; our own policies' and
 * the reactor's re-runs are not (re-running them is how they stay exactly-once).
 */
async function replayed(deps: CommandDeps, ctx: Context, earlier: AppendResult): Promise<CommandResult> {
  if (ctx.request.source !== "system" && ctx.key && earlier.events.length > 0) {
    await deps.store.recordReplay(earlier, {
      idempotencyKey: ctx.key,
      requestId: ctx.requestId,
      source: ctx.request.source,
      actor: actorOf_(ctx.request.caller),
    });
  }
  return replayOf(ctx.definition, earlier);
}

function actorOf_(caller: Caller): Actor {
  return "principal" in caller ? actorOf(caller.principal) : { type: "system", id: caller.system };
}
