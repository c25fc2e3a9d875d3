import type { RecordedEvent } from "@/lib/event-store";

/** The projection's own code failed on this event (as opposed to the database or the lease). */
export class ProjectionApplyError extends Error {
  override readonly name = "ProjectionApplyError";
  constructor(
    projection: string,
    readonly event: RecordedEvent,
    /** Its index in the batch: the events before it are fine. */
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`${projection} failed on ${event.type} at position ${event.position}: ${(cause as Error)?.message ?? cause}`);
  }
}

/**
 * Loading or writing a batch's rows failed, and the batch held more than one
 * event, so no one event can be named: the runner applies the same events
 * one at a time, where a failure names its event (a poison event).
 */
export class ProjectionWriteError extends Error {
  override readonly name = "ProjectionWriteError";
  constructor(
    projection: string,
    readonly events: number,
    override readonly cause: unknown,
  ) {
    super(`${projection}: writing a batch of ${events} events failed: ${(cause as Error)?.message ?? cause}`);
  }
}
