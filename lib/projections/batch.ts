import { domainEventDefinitions } from "@/lib/domain";
import type { RecordedEvent } from "@/lib/event-store";
import type { Queryable } from "@/lib/event-store/rows";
import type { Runtime } from "@/lib/server/runtime";
import { advanceCheckpoint, type Lease, lockForBatch } from "./checkpoints";
import { ProjectionApplyError } from "./errors";
import { foldBatch } from "./fold-batch";
import { type Projection, type ProjectionContext, projectionContext, type ReadModel, type Reactor } from "./types";

export { ProjectionApplyError, ProjectionWriteError } from "./errors";

/** How long one statement of a batch may run, or its transaction sit idle. */
export const BATCH_TIMEOUT = 120_000;

/**
 * A batch's transaction: straight through the driver on a server, as its rows
 * travel as large JSON parameters (see Database.rawTransaction).
 */
export function batchTransaction<T>(runtime: Runtime, fn: (tx: Queryable) => Promise<T>, timeout = BATCH_TIMEOUT) {
  return runtime.db.rawTransaction((tx) => fn(tx as unknown as Queryable), { timeout });
}

export function handles(projection: Pick<Projection, "eventTypes">, type: string): boolean {
  return projection.eventTypes.includes(type);
}

/** Events whose store effect changes what an account's earlier events read as: a supersession, an erasure. */
const REWRITES = new Set(domainEventDefinitions.filter((d) => d.effect).map((d) => d.type));

/** One account's log up to a position in the global log's order (with or without superseded events). */
export type AccountReplay = (accountId: string, upTo: number, withoutSuperseded: boolean) => Promise<RecordedEvent[]>;

/** Reads an account's log inside the batch's transaction. */
export const replayFrom =
  (runtime: Runtime, tx: Queryable): AccountReplay =>
  (accountId, upTo, withoutSuperseded) =>
    runtime.store.readAccountLog(accountId, upTo, tx, { withoutSuperseded });

/**
 * Applies the events the read model takes, as one batch (see foldBatch);
 * returns how many. An error from its own code becomes a ProjectionApplyError
 * naming the event and its index in `events`. With `replay`, an event that
 * rewrites its account's history (EventSuperseded, PersonalDataErased)
 * rebuilds that account's rows from its log instead (the superseded event's
 * effect or the erased names leave the read model: decision 5): the events
 * before it are written first and those after it folded afresh, so the batch
 * reads as if applied one event at a time.
 */
export async function applyEvents(
  ctx: ProjectionContext,
  projection: ReadModel,
  events: readonly RecordedEvent[],
  replay?: AccountReplay,
): Promise<number> {
  let applied = 0;
  let segment: number[] = [];
  const flush = async () => {
    const indices = segment;
    segment = [];
    await foldBatch(
      ctx,
      projection,
      indices.map((i) => events[i]!),
      (i) => indices[i]!,
    );
  };
  for (const [index, event] of events.entries()) {
    const rewrite = replay && REWRITES.has(event.type);
    // A read model that shows superseded events (the timeline) just records the supersession.
    if (rewrite && !(event.type === "EventSuperseded" && projection.keepsSuperseded)) {
      await flush();
      try {
        await rebuildAccountRows(ctx, projection, event, replay);
      } catch (error) {
        throw new ProjectionApplyError(projection.name, event, index, error);
      }
      applied++;
    } else if (handles(projection, event.type)) {
      segment.push(index);
      applied++;
    }
  }
  await flush();
  return applied;
}

/** Deletes the account's rows and replays its log up to this event (in the same transaction). */
export async function rebuildAccountRows(
  ctx: ProjectionContext,
  projection: ReadModel,
  event: Pick<RecordedEvent, "accountId" | "position">,
  replay: AccountReplay,
): Promise<number> {
  for (const table of projection.tables) {
    await ctx.tx.$executeRaw`DELETE FROM ${ctx.table(table)} WHERE account_id = ${event.accountId}`;
  }
  const events = await replay(event.accountId, event.position, !projection.keepsSuperseded);
  const handled = events.filter((each) => handles(projection, each.type));
  await foldBatch(ctx, projection, handled);
  return handled.length;
}

/**
 * Applies a batch and moves the checkpoint in one transaction, so each event's
 * effect lands exactly once: a crash rolls both back, and a batch whose start
 * is no longer the checkpoint (a repeat, or another runner) is refused whole.
 */
export async function applyBatch(
  runtime: Runtime,
  projection: Projection,
  lease: Lease,
  from: number,
  events: RecordedEvent[],
): Promise<void> {
  if (projection.reactor) return reactToBatch(runtime, projection, lease, from, events);
  await batchTransaction(runtime, async (tx) => {
    await lockForBatch(tx, lease, from);
    const ctx = projectionContext(tx, projection);
    await applyEvents(ctx, projection, events, replayFrom(runtime, tx));
    await advanceCheckpoint(tx, lease, events.at(-1)!.position, events.length);
  });
}

/**
 * A reactor's batch: each event's reaction runs on its own (its commands have
 * their own transactions; on the embedded database one may not nest them),
 * then the checkpoint moves past it. A crash repeats at most one reaction,
 * which its idempotency keys turn into a lookup.
 */
async function reactToBatch(runtime: Runtime, reactor: Reactor, lease: Lease, from: number, events: RecordedEvent[]) {
  let position = from;
  for (const [index, event] of events.entries()) {
    if (handles(reactor, event.type)) {
      try {
        await reactor.react(event);
      } catch (error) {
        throw new ProjectionApplyError(reactor.name, event, index, error);
      }
    }
    await batchTransaction(runtime, async (tx) => {
      await lockForBatch(tx, lease, position);
      await advanceCheckpoint(tx, lease, event.position, 1);
    });
    position = event.position;
  }
}

/** Stops the projection on an event it cannot apply, keeping which event and why. */
export async function markFailed(db: Queryable, lease: Lease, event: RecordedEvent, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // (lease.epoch in the WHERE: a runner that lost its lease marks nothing.)
  await db.$executeRaw`
    UPDATE projection_checkpoints SET status = 'failed', last_error = ${message.slice(0, 2000)},
      failed_position = ${event.position}, failed_event_id = ${event.eventId}, failed_event_type = ${event.type},
      failed_at = now(), updated_at = now()
    WHERE name = ${lease.name} AND lease_epoch = ${lease.epoch}`;
}
