import { Prisma } from "@/lib/generated/prisma/client";
import type { RecordedEvent } from "@/lib/event-store";
import type { Queryable } from "@/lib/event-store/rows";

/**
 * What a projection's apply gets: the transaction its writes and the
 * checkpoint commit in together, and the names of its tables (the live ones,
 * or their shadows while a rebuild builds new ones).
 */
export interface ProjectionContext {
  tx: Queryable;
  /** The SQL identifier for one of the projection's tables, e.g. table("rm_invoices"). */
  table(name: string): Prisma.Sql;
}

/**
 * A read model kept up to date from the global log. apply must be
 * deterministic (everything from the event: no clock, no randomness), so a
 * rebuild produces the same rows, and it must work on any state its own
 * earlier applies produced. Every table has an account_id column, so one
 * account's rows can be rebuilt alone.
 */
export interface Projection {
  name: string;
  /** Bump when apply or the tables change: the stored rows are then stale and rebuilt. */
  version: number;
  /** Event types it applies; the checkpoint moves past the others. */
  eventTypes: readonly string[];
  /** Its tables (created by a migration), each with an account_id column. */
  tables: readonly string[];
  /**
   * A reactor: apply acts outside the database transaction (it issues
   * idempotent commands), and the checkpoint moves after each event. Effects
   * are then at-least-once, which idempotency makes exactly-once.
   */
  reactor?: boolean;
  /**
   * It shows superseded events (the timeline: struck through), so a
   * supersession is applied like any event; every other read model rebuilds
   * the account's rows without the superseded event.
   */
  keepsSuperseded?: boolean;
  apply(ctx: ProjectionContext, event: RecordedEvent): Promise<void>;
}

export function defineProjection(projection: Projection): Projection {
  for (const table of projection.tables) {
    if (!/^rm_[a-z0-9_]+$/.test(table)) throw new Error(`${projection.name}: table ${table} must be named rm_<name>`);
  }
  return projection;
}

/** A context whose tables are the live ones (or suffixed shadows). */
export function projectionContext(tx: Queryable, projection: Projection, suffix = ""): ProjectionContext {
  const tables = new Set(projection.tables);
  return {
    tx,
    table(name) {
      if (!tables.has(name)) throw new Error(`${projection.name} does not own table ${name}`);
      return Prisma.raw(`"${name}${suffix}"`);
    },
  };
}
