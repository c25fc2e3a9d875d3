import { EVENTS_CHANNEL } from "@/lib/event-store";
import { metrics } from "@/lib/metrics/registry";
import type { Runtime } from "@/lib/server/runtime";
import { applyBatch, markFailed, ProjectionApplyError, ProjectionWriteError } from "./batch";
import {
  adoptVersion,
  ensureCheckpoint,
  type Lease,
  LeaseLostError,
  ProjectionPausedError,
  readCheckpoint,
  takeLease,
} from "./checkpoints";
import { type LeaseGate, processLeaseGate, runnerIdentity, sessionLeaseGate } from "./leases";
import { LogPages } from "./log-pages";
import { rebuildPace } from "./pace";
import { rebuildBatch, startRebuild, swapRebuild } from "./rebuild";
import type { Projection, ReadModel } from "./types";

/** After a wake-up that found nothing readable, look again this soon (for two seconds). */
const RECHECK_AFTER_WAKE_MS = 100;

/** How many lease retries a runner whose lease session broke leaves to the others before it competes again. */
const STAND_BACK_RETRIES = 3;

export interface RunnerOptions {
  /** Events per batch (readAll's page). */
  batchSize?: number;
  /** Fallback polling when no notification arrives. */
  pollMs?: number;
  /** How often a standby tries to take a lease. */
  leaseRetryMs?: number;
  /** A read model first seen when the log holds more events than this is built in shadow tables (see ensureCheckpoint). */
  buildInShadowAbove?: number;
  /** Cap on a shadow rebuild's pace, to leave the database to live traffic (0: none). */
  rebuildEventsPerSecond?: number;
  owner?: string;
  log?: (message: string) => void;
}

/**
 * Keeps projections up to date: for each, take its lease (or stand by), then
 * catch up batch by batch in the global log's safe order, rebuild it in
 * shadow tables when it is stale or asked to, and stop on a poison event.
 * Runs inside the app (`npm start`) or on its own (`npm run projector`);
 * several runners may run at once, one leads each projection.
 */
export class ProjectionRunner {
  private stopped = false;
  private readonly wakers = new Set<() => void>();
  private readonly loops: Promise<void>[] = [];
  private gate: LeaseGate | null = null;
  private readonly cleanup: (() => Promise<void>)[] = [];
  private readonly options: Required<RunnerOptions>;
  private readonly pages: LogPages;

  constructor(
    private readonly runtime: Runtime,
    private readonly projections: readonly Projection[],
    options: RunnerOptions = {},
  ) {
    this.options = {
      batchSize: 2000,
      pollMs: 1000,
      leaseRetryMs: 1000,
      buildInShadowAbove: 10_000,
      rebuildEventsPerSecond: 0,
      owner: runnerIdentity(),
      log: (message) => console.log(`[projector] ${message}`),
      ...options,
    };
    // A few pages: projections building together keep within them of each other.
    const read = async (after: number, limit: number) => (await runtime.store.readAll({ after, limit })).events;
    this.pages = new LogPages(read, 4);
  }

  async start(): Promise<void> {
    await this.connect();
    this.runtime.events.on("appended", this.wake);
    this.cleanup.push(async () => void this.runtime.events.off("appended", this.wake));
    for (const projection of this.projections) this.loops.push(this.follow(projection));
  }

  /** How many pages this runner read from the log, and how many it shared between projections. */
  get pageStats() {
    return { ...this.pages.stats };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.allSettled(this.loops);
    for (const fn of this.cleanup.reverse()) await fn().catch(() => undefined);
    await this.gate?.close().catch(() => undefined);
  }

  private reconnecting: Promise<void> | null = null;
  /** Per projection: how many more events to apply one at a time, after a batch whose write failed. */
  private readonly careful = new Map<string, number>();

  /** The next batch's size: one event at a time while looking for the event a failed write was about. */
  private limitFor(projection: Projection): number {
    return (this.careful.get(projection.name) ?? 0) > 0 ? 1 : this.options.batchSize;
  }

  private carefulStep(projection: Projection, processed: number) {
    const left = (this.careful.get(projection.name) ?? 0) - processed;
    if (left > 0) this.careful.set(projection.name, left);
    else this.careful.delete(projection.name);
  }

  /** A batch's write failed without naming an event: apply those events one at a time, so one names itself. */
  private carefully(projection: Projection, error: ProjectionWriteError) {
    this.careful.set(projection.name, error.events);
    this.options.log(`${error.message}; applying its events one at a time`);
  }

  /** Opens the lease session (and LISTENs on it); again after it broke. */
  private async connect(): Promise<void> {
    const session = await this.runtime.db.openSession();
    this.gate = session ? sessionLeaseGate(session) : processLeaseGate();
    if (session) await session.listen(EVENTS_CHANNEL, this.wake);
  }

  private async ensureConnected(): Promise<void> {
    if (this.gate?.healthy) return;
    this.reconnecting ??= (async () => {
      await this.gate?.close().catch(() => undefined);
      this.options.log("lease session lost; reconnecting");
      await this.connect();
    })().finally(() => {
      this.reconnecting = null;
    });
    await this.reconnecting;
  }

  /** New events (or an admin action): check now instead of at the next poll. */
  private wokenAt = 0;
  readonly wake = () => {
    this.wokenAt = Date.now();
    for (const waker of [...this.wakers]) waker();
  };

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** Waits out a paced rebuild's delay; a wake-up (new events) does not cut it short, stopping does. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopped && Date.now() < until) await this.sleep(until - Date.now());
  }

  /** Stands by until it holds the projection's lease, leads until it loses it or stops. */
  private async follow(projection: Projection): Promise<void> {
    while (!this.stopped) {
      let acquired = false;
      const gate = this.gate!;
      try {
        await this.ensureConnected();
        if (gate !== this.gate) continue;
        await ensureCheckpoint(this.runtime.db.prisma, projection, this.options);
        acquired = await gate.tryAcquire(projection.name);
        if (!acquired) {
          await this.sleep(this.options.leaseRetryMs);
          continue;
        }
        const lease = await takeLease(this.runtime.db.prisma, projection.name, this.options.owner);
        this.options.log(`${projection.name}: leading (epoch ${lease.epoch})`);
        await this.lead(projection, lease);
      } catch (error) {
        if (this.stopped) break;
        const lost = error instanceof LeaseLostError;
        this.options.log(`${projection.name}: ${lost ? "lease lost" : `error: ${(error as Error).message}`}`);
        // A runner whose lease session broke stands back a few retries, not cut short by new events: to the
        // others a broken session looks like a crash, and a standby whose session is whole takes over first.
        if (!gate.healthy) await this.pause(this.options.leaseRetryMs * STAND_BACK_RETRIES);
        else await this.sleep(this.options.leaseRetryMs);
      } finally {
        if (acquired) await gate.release(projection.name).catch(() => undefined);
      }
    }
  }

  private async lead(projection: Projection, lease: Lease): Promise<void> {
    const gate = this.gate!;
    while (!this.stopped && gate.healthy) {
      const checkpoint = await readCheckpoint(this.runtime.db.prisma, projection.name);
      if (!checkpoint || checkpoint.leaseEpoch !== lease.epoch) throw new LeaseLostError(projection.name);
      if (checkpoint.status === "paused" || checkpoint.status === "failed") {
        await this.sleep(this.options.pollMs);
      } else if (checkpoint.rebuildRequested || checkpoint.status === "stale" || checkpoint.status === "rebuilding") {
        // A reactor has no rows to rebuild: a new version just carries on from where the old one stopped.
        if (projection.reactor) await adoptVersion(this.runtime.db.prisma, lease, projection.version);
        else await this.rebuild(projection, lease);
      } else if ((await this.catchUp(projection, lease, checkpoint.position)) === 0) {
        // Woken but nothing readable yet: the new events may wait behind another open transaction (the
        // read horizon), or the wake came during the last read. Look again soon rather than at the next poll.
        const recent = Date.now() - this.wokenAt < RECHECK_AFTER_WAKE_MS * 20;
        await this.sleep(recent ? Math.min(RECHECK_AFTER_WAKE_MS, this.options.pollMs) : this.options.pollMs);
      }
    }
  }

  /** One batch; returns how many events it moved past (0: nothing new, or it stopped on a poison event). */
  private async catchUp(projection: Projection, lease: Lease, from: number): Promise<number> {
    const events = await this.pages.read(projection.name, from, this.limitFor(projection));
    if (events.length === 0) return 0;
    try {
      await applyBatch(this.runtime, projection, lease, from, events);
      metrics().projectionEvents.inc({ projection: projection.name }, events.length);
      this.carefulStep(projection, events.length);
      return events.length;
    } catch (error) {
      if (error instanceof ProjectionPausedError) return 0; // paused while this batch was read: the loop waits
      if (error instanceof ProjectionWriteError) {
        this.carefully(projection, error);
        return 0;
      }
      if (!(error instanceof ProjectionApplyError)) throw error;
      metrics().projectionErrors.inc({ projection: projection.name });
      // Keep what came before the poison event, then stop on it until an admin retries or skips it.
      // (A reactor already moved its checkpoint past each event before the failing one.)
      const before = events.slice(0, error.index);
      if (before.length > 0 && !projection.reactor) await applyBatch(this.runtime, projection, lease, from, before);
      await markFailed(this.runtime.db.prisma, lease, error.event, error.cause);
      this.options.log(error.message);
      return before.length;
    }
  }

  private async rebuild(projection: ReadModel, lease: Lease): Promise<void> {
    let position = await startRebuild(this.runtime, projection, lease);
    this.options.log(`${projection.name}: rebuilding in shadow tables from position ${position}`);
    const pace = rebuildPace(this.options.rebuildEventsPerSecond, Date.now());
    let processed = 0;
    while (!this.stopped) {
      let batch: Awaited<ReturnType<typeof rebuildBatch>>;
      try {
        await this.pause(pace.waitMs(processed, Date.now()));
        const events = await this.pages.read(projection.name, position, pace.batchSize(this.limitFor(projection)));
        batch = await rebuildBatch(this.runtime, projection, lease, position, events);
        this.carefulStep(projection, batch.processed);
        processed += batch.processed;
      } catch (error) {
        if (error instanceof ProjectionWriteError) {
          this.carefully(projection, error);
          continue;
        }
        if (!(error instanceof ProjectionApplyError)) throw error;
        metrics().projectionErrors.inc({ projection: projection.name });
        await markFailed(this.runtime.db.prisma, lease, error.event, error.cause);
        this.options.log(`rebuild stopped: ${error.message}`);
        return;
      }
      if (batch.processed === 0) {
        await swapRebuild(this.runtime, projection, lease, position);
        this.options.log(`${projection.name}: rebuilt up to position ${position}, now live`);
        return;
      }
      position = batch.position;
    }
  }
}
