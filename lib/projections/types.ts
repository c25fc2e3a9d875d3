import { Prisma } from "@/lib/generated/prisma/client";
import type { RecordedEvent } from "@/lib/event-store";
import type { Queryable } from "@/lib/event-store/rows";

/**
 * What a batch gets: the transaction its writes and the checkpoint commit in
 * together, and the names of the projection's tables (the live ones, or
 * their shadows while a rebuild builds new ones).
 */
export interface ProjectionContext {
  tx: Queryable;
  /** The SQL identifier for one of the projection's tables, e.g. table("rm_invoices"). */
  table(name: string): Prisma.Sql;
  /** A table's write of this many rows or more goes through COPY (copy-rows.ts; a server only). */
  copyFromRows?: number;
}

export type ColumnType = "text" | "integer" | "bigint" | "boolean" | "date" | "timestamptz" | "jsonb";

/** A row's key: its key columns' values, as text (one string for a one-column key). */
export type RowKey = string | readonly string[];

/**
 * One table of a read model as a batch sees it: rows are loaded by key, folded
 * in memory as values, and the changed ones written back in one statement.
 */
export interface TableSpec<V = unknown, R = never> {
  /** The key columns (its primary key): one row per key. */
  key: readonly string[];
  /** Every column and its type: a write sets them all (read models have no defaults). */
  columns: Readonly<Record<string, ColumnType>>;
  /**
   * How the batch's values meet the stored rows. "upsert" (the default): the
   * rows `keys` names are loaded, and the folded values written over them.
   * "insert": rows are only ever added (facts keyed by position); nothing is
   * loaded. "add": the values are deltas, added to the stored row's `sums`
   * columns (the others are replaced); nothing is loaded.
   */
  write?: "upsert" | "insert" | "add";
  /** With write "add": the columns that add up. */
  sums?: readonly string[];
  /**
   * Columns copied from the event's own row in the log rather than sent with
   * the batch (facts the log already holds): SQL over `e`, the events row
   * whose global position is in the `position` column. toRow leaves them out.
   */
  fromEvent?: { position: string; columns: Readonly<Record<string, string>> };
  /** A stored row (as the driver returns it: Date, bigint, parsed jsonb) as the value folds work on. */
  fromRow?(row: R): V;
  /** The value as its columns, ready for JSON: numbers, ISO strings, objects for jsonb columns. */
  toRow(value: V): Record<string, unknown>;
}

/** One table's rows during a batch. */
export interface TableRows<V> {
  /**
   * The row, if it exists: only rows whose keys `keys` named (or that this
   * batch set) can be read. For "insert" and "add" tables: what this batch set.
   */
  get(key: RowKey): V | undefined;
  set(key: RowKey, value: V): void;
}

type Specs = Record<string, TableSpec<unknown, never>>;
type ValueOf<S> = S extends TableSpec<infer V, never> ? V : never;
export type BatchRows<T extends Specs> = { [K in keyof T]: TableRows<ValueOf<T[K]>> };

interface Common {
  name: string;
  /** Bump when the fold or the tables change: the stored rows are then stale and rebuilt. */
  version: number;
  /** Event types it takes; the checkpoint moves past the others. */
  eventTypes: readonly string[];
  /** Its tables (created by a migration), each with an account_id column. */
  tables: readonly string[];
  /**
   * It shows superseded events (the timeline: struck through), so a
   * supersession is applied like any event; every other read model rebuilds
   * the account's rows without the superseded event.
   */
  keepsSuperseded?: boolean;
}

/**
 * A read model kept up to date from the global log, a batch at a time: the
 * rows the batch's events name (`keys`) are loaded in one query per table,
 * each event is folded into them in memory (`fold`: deterministic, no I/O:
 * everything from the event, so a rebuild produces the same rows), and the
 * changed rows are written in one statement per table (see fold-batch.ts).
 * One event alone is a batch of one. Every table has an account_id column,
 * so one account's rows can be rebuilt alone.
 */
export interface ReadModel extends Common {
  reactor?: false;
  specs: Readonly<Record<string, TableSpec<unknown, never>>>;
  /** The rows (per table) this event reads or writes; "insert" and "add" tables need none. */
  keys(event: RecordedEvent): Readonly<Record<string, readonly RowKey[] | undefined>>;
  fold(rows: Readonly<Record<string, TableRows<unknown>>>, event: RecordedEvent): void;
}

/**
 * A reactor: acts outside any read model's transaction (it issues
 * idempotent commands), event by event, and the checkpoint moves after each.
 * Effects are then at-least-once, which idempotency makes exactly-once.
 */
export interface Reactor extends Common {
  reactor: true;
  react(event: RecordedEvent): Promise<void>;
}

export type Projection = ReadModel | Reactor;

const checkTables = (name: string, tables: readonly string[]) => {
  for (const table of tables) {
    if (!/^rm_[a-z0-9_]+$/.test(table)) throw new Error(`${name}: table ${table} must be named rm_<name>`);
  }
};

/** A read model, typed by its tables: fold sees each table's values as its spec reads them. */
export function defineReadModel<T extends Specs>(definition: {
  name: string;
  version: number;
  eventTypes: readonly string[];
  keepsSuperseded?: boolean;
  tables: T;
  keys(event: RecordedEvent): { [K in keyof T]?: readonly RowKey[] };
  fold(rows: BatchRows<T>, event: RecordedEvent): void;
}): ReadModel {
  const { tables, keys, fold, ...rest } = definition;
  checkTables(rest.name, Object.keys(tables));
  return {
    ...rest,
    tables: Object.keys(tables),
    specs: tables as unknown as ReadModel["specs"],
    keys: keys as ReadModel["keys"],
    fold: fold as unknown as ReadModel["fold"],
  };
}

export function defineReactor(reactor: Omit<Reactor, "reactor" | "tables">): Reactor {
  return { ...reactor, reactor: true, tables: [] };
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
