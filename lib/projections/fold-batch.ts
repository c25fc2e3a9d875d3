import { Prisma } from "@/lib/generated/prisma/client";
import type { RecordedEvent } from "@/lib/event-store";
import type { Queryable } from "@/lib/event-store/rows";
import { COPY_FROM_ROWS, copyThroughStage, ident } from "./copy-rows";
import { ProjectionApplyError, ProjectionWriteError } from "./errors";
import type { ColumnType, ProjectionContext, ReadModel, RowKey, TableRows, TableSpec } from "./types";

/** At most this many rows per statement: a long replay (one account's whole log) writes in a few. */
const ROWS_PER_STATEMENT = 5000;
const SEPARATOR = "\u001f";
const keyText = (key: RowKey) => (typeof key === "string" ? key : key.join(SEPARATOR));

/**
 * One table's rows during a batch: the keys the events name, loaded in one
 * query; the values folds read and set; the set ones written in one statement.
 */
class BatchTable implements TableRows<unknown> {
  /** Key → value; undefined: known not to exist. */
  private readonly values = new Map<string, unknown>();
  private readonly wanted = new Set<string>();
  private readonly changed = new Set<string>();
  constructor(
    private readonly name: string,
    private readonly spec: TableSpec<unknown, never>,
    private readonly sql: Prisma.Sql,
  ) {}

  want(key: RowKey) {
    const text = keyText(key);
    if (this.loads && !this.values.has(text)) this.wanted.add(text);
  }

  get(key: RowKey) {
    const text = keyText(key);
    if (this.loads && !this.values.has(text)) {
      throw new Error(`${this.name}: row ${text} was not loaded (keys must name it)`);
    }
    return this.values.get(text);
  }

  set(key: RowKey, value: unknown) {
    const text = keyText(key);
    this.values.set(text, value);
    this.changed.add(text);
  }

  get wants() {
    return this.wanted.size > 0;
  }

  private get loads() {
    return (this.spec.write ?? "upsert") === "upsert";
  }

  async load(tx: Queryable) {
    if (this.wanted.size === 0) return;
    const { key, columns, fromRow } = this.spec;
    if (!this.loads || !fromRow || key.length !== 1) {
      throw new Error(`${this.name}: only an upsert table with a one-column key and fromRow loads rows`);
    }
    const column = Prisma.raw(ident(key[0]!));
    const wanted = [...this.wanted.keys()];
    const rows = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT t.${column}::text AS "__key", t.* FROM ${this.sql} t
      WHERE t.${column} = ANY(${wanted}::${Prisma.raw(columns[key[0]!]!)}[])`;
    for (const text of wanted) this.values.set(text, undefined);
    for (const row of rows) this.values.set(row.__key as string, fromRow(row as never));
    this.wanted.clear();
  }

  async write(tx: Queryable, copyFromRows = COPY_FROM_ROWS) {
    if (this.changed.size === 0) return;
    const rows = [...this.changed].map((text) => this.spec.toRow(this.values.get(text)));
    this.changed.clear();
    const columns = Object.entries(this.spec.columns) as [string, ColumnType][];
    const copied = this.spec.fromEvent?.columns ?? {};
    const sent = columns.filter(([c]) => !(c in copied));
    // A null for a jsonb column is stored as JSON null, not SQL NULL (as jsonb parameters always were).
    const values = columns
      .map(([c, type]) =>
        c in copied ? copied[c] : type === "jsonb" ? `coalesce(r.${ident(c)}, 'null'::jsonb)` : `r.${ident(c)}`,
      )
      .join(", ");
    const join = this.spec.fromEvent
      ? `JOIN events e ON e.global_position = r.${ident(this.spec.fromEvent.position)}`
      : "";
    const { write = "upsert", sums = [] } = this.spec;
    const updates = columns
      .filter(([c]) => !this.spec.key.includes(c))
      .map(
        ([c]) => `${ident(c)} = ${sums.includes(c) && write === "add" ? `t.${ident(c)} + ` : ""}EXCLUDED.${ident(c)}`,
      );
    const onConflict =
      write === "insert" || updates.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${updates.join(", ")}`;
    // INSERT … SELECT from the batch's rows (`r`): a JSON parameter, or a staging table filled by COPY.
    const head = `INSERT INTO ${this.sql.text} AS t (${columns.map(([c]) => ident(c)).join(", ")}) SELECT ${values} FROM`;
    const tail = `${join} ON CONFLICT (${this.spec.key.map(ident).join(", ")}) ${onConflict}`;
    if (tx.$copyFrom && rows.length >= copyFromRows) {
      await copyThroughStage({ ...tx, $copyFrom: tx.$copyFrom }, sent, rows, (stage) => `${head} ${stage} r ${tail}`);
      return;
    }
    const record = Prisma.raw(sent.map(([c, type]) => `${ident(c)} ${type}`).join(", "));
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT));
      await tx.$executeRaw`${Prisma.raw(head)} json_to_recordset(${json}::json) AS r(${record}) ${Prisma.raw(tail)}`;
    }
  }
}

/**
 * Folds events into a read model's tables: collects the rows they name, loads
 * them (one query per table), folds each event in memory in order, then
 * writes the changed rows (one statement per table). A fold (or keys) that
 * throws becomes a ProjectionApplyError naming the first event that failed
 * (its index offset by `indexOf`); nothing is written then. A load or write
 * that fails is a ProjectionWriteError, unless the batch is one event.
 */
export async function foldBatch(
  ctx: ProjectionContext,
  model: ReadModel,
  events: readonly RecordedEvent[],
  indexOf: (i: number) => number = (i) => i,
): Promise<void> {
  if (events.length === 0) return;
  const tables = Object.fromEntries(
    Object.entries(model.specs).map(([name, spec]) => [name, new BatchTable(name, spec, ctx.table(name))]),
  );
  const fail = (i: number, cause: unknown) => new ProjectionApplyError(model.name, events[i]!, indexOf(i), cause);
  // Keys in order: an event whose keys fail ends the batch there, so the first failing event is the one named.
  let end = events.length;
  let failure: ProjectionApplyError | null = null;
  for (const [i, event] of events.entries()) {
    try {
      for (const [table, keys] of Object.entries(model.keys(event))) {
        for (const key of keys ?? []) tables[table]!.want(key);
      }
    } catch (error) {
      [end, failure] = [i, fail(i, error)];
      break;
    }
  }
  await database(model, events, indexOf, () => loadAll(ctx.tx, Object.values(tables)));
  for (let i = 0; i < end; i++) {
    try {
      model.fold(tables, events[i]!);
    } catch (error) {
      throw fail(i, error);
    }
  }
  if (failure) throw failure;
  await database(model, events, indexOf, async () => {
    for (const table of Object.values(tables)) await table.write(ctx.tx, ctx.copyFromRows);
  });
}

/**
 * Loads the named rows, by primary key. Some key columns also have a GIN
 * trigram index (for search), which answers `=` too; on a table without
 * statistics (a fresh shadow) the planner may pick it, and every GIN probe
 * reads the index's whole pending list (over a second per load at 100,000
 * rows). GIN is only read through bitmap scans, so they are off meanwhile.
 */
async function loadAll(tx: Queryable, tables: readonly BatchTable[]) {
  if (!tables.some((t) => t.wants)) return;
  await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
  for (const table of tables) await table.load(tx);
  await tx.$executeRaw`SET LOCAL enable_bitmapscan = on`;
}

/** A database error while loading or writing: the event's own if the batch is one event. */
async function database(
  model: ReadModel,
  events: readonly RecordedEvent[],
  indexOf: (i: number) => number,
  fn: () => Promise<void>,
) {
  try {
    await fn();
  } catch (error) {
    if (events.length === 1) throw new ProjectionApplyError(model.name, events[0]!, indexOf(0), error);
    throw new ProjectionWriteError(model.name, events.length, error);
  }
}
