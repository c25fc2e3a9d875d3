import { randomUUID } from "node:crypto";
import { actorOf } from "@/lib/auth/permissions";
import { appVersion } from "@/lib/app-version";
import { DomainError, isCommandType } from "@/lib/domain";
import { AppError, NotFoundError } from "@/lib/errors";
import { metrics } from "@/lib/metrics/registry";
import { type Actor, type AppendResult, type Assumed, BatchRefused, ConcurrencyError } from "@/lib/event-store";
import { type Context, decideOn, prepareCommand } from "./decision";
import { loadTarget } from "./load-target";
import { toStoredRejection, translateIdempotencyError } from "./idempotency";
import { type AppendItem, type CommandDeps, type CommittedCommand, randomIds } from "./ports";
import type { Caller, CommandRequest } from "./request";
import { type CommandResult, replayOf, resultOf } from "./results";

export type { Caller, CommandRequest } from "./request";
export type { CommandResult, CommandDeps };

// A command without If-Match that loses a race is decided again on fresh state. Among n racing writers
// the last may lose n - 1 times, and a hot account's follow-ups race too, so the budget is time, not a
// count of attempts (ten attempts left 14 of 50 one-account commands failing under 8 writers, B7);
// a random pause, growing to 50 ms, keeps a burst from colliding again in lockstep.
const RETRY_BUDGET_MS = 10_000;
const retryPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));

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

function outcomeOf(error: unknown): string {
  if (error instanceof DomainError) return "rejected";
  if (error instanceof ConcurrencyError) return "conflict";
  if (error instanceof AppError) return error.status === 404 ? "not_found" : "invalid";
  return "error";
}

async function handleCommandUnmetered(deps: CommandDeps, request: CommandRequest): Promise<CommandResult> {
  const context = await prepareCommand(deps, request);
  const { key, requestHash } = context;

  try {
    // A follow-up's key is new but for a race with the reactor, which its append settles (CommandScope).
    if (key && !deps.scope?.followUp) {
      const earlier = await deps.store.findIdempotentResult(key, requestHash);
      if (earlier) return await replayed(deps, context, earlier);
    }
    return await decideAndAppend(deps, context);
  } catch (error) {
    throw translateIdempotencyError(error, request.idempotencyKey ?? "");
  }
}

async function decideAndAppend(deps: CommandDeps, ctx: Context): Promise<CommandResult> {
  const { store } = deps;
  const { request, key } = ctx;
  const started = Date.now();
  // A command not pinned to a version is first decided on the states this process kept, unread (state-cache.ts).
  let unread = request.expectedVersion === undefined;
  for (let attempt = 1; ; attempt++) {
    const assumed: Assumed[] = [];
    try {
      const decided = await decideOnce(deps, ctx, attempt, unread ? assumed : undefined);
      const { append, committed } = decided;
      // Only an append that checks what was assumed makes an unread decision count; nothing to append: read.
      if ((!append || !committed) && assumed.length > 0) throw new DecideFromRead();
      if (!append || !committed) return { ...decided.result(null), followUps: [] };
      // What must hold with these events (the invoice a purchase bills) goes in the same statement.
      const inline = deps.inline ? await deps.inline(committed) : null;
      const withIt = inline?.appends ?? [];
      if (withIt.length > 0 || assumed.length > 0) {
        const results = await store.appendAll([append, ...withIt], { assumed }).catch((error: unknown) => {
          if (error instanceof BatchRefused) return null;
          throw error;
        });
        if (results) {
          const followUps = inline ? await inline.finish(results.slice(1)) : [];
          return { ...decided.result(results[0]!), followUps };
        }
        if (assumed.length > 0) throw new DecideFromRead();
        // A part did not hold: the command's own append answers for itself, its follow-ups run after it.
      }
      const appended = await store.append(append.streamId, append.events, append.options);
      if (appended.replayed) return await replayed(deps, ctx, appended);
      const followUps = deps.afterCommit ? await deps.afterCommit(committed) : [];
      return { ...decided.result(appended), followUps };
    } catch (error) {
      // Whatever an unread decision ran into (a rule, a race, a head it assumed) is decided again from a read.
      if (assumed.length > 0) {
        unread = false;
        continue;
      }
      const retry =
        error instanceof ConcurrencyError &&
        request.expectedVersion === undefined &&
        Date.now() - started < RETRY_BUDGET_MS;
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

/** An unread decision that cannot stand on its own: decided again from a read. */
class DecideFromRead extends Error {}

/**
 * A command decided and not yet appended (a follow-up planned into its
 * cause's statement): its append, its events as the reactions see them, and
 * its result once appended. A command that decided nothing has no append.
 */
export interface PlannedCommand {
  append: AppendItem | null;
  committed: CommittedCommand | null;
  result(appended: AppendResult | null): Omit<CommandResult, "followUps">;
}

/** Validates, loads and decides a follow-up without appending it (lib/automation appends it with its cause). */
export async function planCommand(deps: CommandDeps, request: CommandRequest): Promise<PlannedCommand> {
  return decideOnce(deps, await prepareCommand(deps, request), 1);
}

/** One load and decision: the append it asks for (the events' ids chosen here, for their follow-ups' keys). */
async function decideOnce(
  deps: CommandDeps,
  ctx: Context,
  attempt: number,
  assume?: Assumed[],
): Promise<PlannedCommand> {
  const { request, definition, streamId, key, now } = ctx;
  const loaded = assumesNewStream(deps, ctx, attempt)
    ? newStream(ctx)
    : await loadTarget(deps.store, ctx, deps.scope, assume);
  const { events, accountId } = await decideOn(deps.store, deps.ids ?? randomIds, ctx, loaded, deps.scope);
  const result = (appended: AppendResult | null) => ({
    ...resultOf(ctx, accountId, appended),
    ...(appended ? {} : { version: loaded.version }),
  });
  if (events.length === 0) return { append: null, committed: null, result };
  const withIds = events.map((event) => ({ ...event, eventId: randomUUID() }));
  const append: AppendItem = {
    streamId,
    events: withIds.map(({ type, data, eventId }) => ({ type, data, eventId, occurredAt: now })),
    options: {
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
        ticket: request.ticket?.trim() || null,
        appVersion: request.appVersion ?? appVersion,
        accountId,
      },
      idempotency: key ? { key, requestHash: ctx.requestHash } : undefined,
    },
  };
  const committed: CommittedCommand = {
    events: withIds,
    streamId,
    accountId,
    correlationId: request.correlationId ?? ctx.requestId,
    now,
    appVersion: request.appVersion,
  };
  return { append, committed, result };
}

/** A follow-up that creates its stream decides first on no stream; its append checks that (CommandScope). */
const assumesNewStream = (deps: CommandDeps, ctx: Context, attempt: number) =>
  attempt === 1 && deps.scope?.followUp === true && ctx.definition.creates === true && ctx.eventPosition === null;

const newStream = (ctx: Context) => ({ state: ctx.definition.decider.initialState(), version: 0, snapshotVersion: 0 });

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
