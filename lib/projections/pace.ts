/**
 * A shadow rebuild may be capped (LEDGERLINE_REBUILD_EVENTS_PER_SECOND) so
 * that re-reading years of history leaves the database to live traffic, the
 * way online schema-change tools throttle their copy. Unlimited by default.
 */
export interface RebuildPace {
  /** The next batch's size: small enough that progress moves a few times a second. */
  batchSize(configured: number): number;
  /** How long to wait before the next batch, after `processed` events since `startedAt`. */
  waitMs(processed: number, now: number): number;
}

export function rebuildPace(eventsPerSecond: number | undefined, startedAt: number): RebuildPace {
  if (eventsPerSecond === undefined || !Number.isFinite(eventsPerSecond) || eventsPerSecond <= 0) {
    return { batchSize: (configured) => configured, waitMs: () => 0 };
  }
  return {
    batchSize: (configured) => Math.max(1, Math.min(configured, Math.ceil(eventsPerSecond / 4))),
    waitMs: (processed, now) => Math.max(0, startedAt + (processed / eventsPerSecond) * 1000 - now),
  };
}

/** The cap from the environment: a positive number of events per second, or none. */
export function rebuildPaceFromEnv(env: Record<string, string | undefined>): number | undefined {
  const raw = env.LEDGERLINE_REBUILD_EVENTS_PER_SECOND?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(
      `LEDGERLINE_REBUILD_EVENTS_PER_SECOND must be a positive number of events per second, not "${raw}"`,
    );
  }
  return value;
}
