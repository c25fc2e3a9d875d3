import type { TimelineEntry } from "./entry";
import type { TimelineFilters } from "./filters";
import { toEntries, type TimelineDeps } from "./read";
import { listTimelineFacts } from "./read-model/queries";

/** Rows read from the read model per query: the most an export holds in memory at once. */
export const EXPORT_BATCH_SIZE = 1000;

/** One exported event; the CSV columns, in this order (docs/api.md lists them). */
export const EXPORT_COLUMNS = [
  "occurredAt",
  "recordedAt",
  "actorId",
  "actorRole",
  "actorLabel",
  "source",
  "eventId",
  "requestId",
  "correlationId",
  "causationId",
  "idempotencyKey",
  "commandType",
  "appVersion",
  "reason",
  "type",
  "streamId",
  "version",
  "position",
  "sentence",
  "replays",
  "compensates",
] as const;

type Column = (typeof EXPORT_COLUMNS)[number];
type NumberColumn = "version" | "position" | "replays";
type NullableColumn = "causationId" | "idempotencyKey" | "commandType" | "reason" | "compensates";

export type ExportRow = { [C in Exclude<Column, NumberColumn | NullableColumn>]: string } & {
  [C in NumberColumn]: number;
} & { [C in NullableColumn]: string | null } & {
  /** The event's data (JSON exports only). */
  data: Record<string, unknown>;
};

export type ExportOrder = "asc" | "desc";

export function toExportRow(entry: TimelineEntry): ExportRow {
  const { actor } = entry;
  return {
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    actorId: actor.id,
    // System actors (billing policy, webhook) have no role: their type stands in.
    actorRole: actor.type === "system" ? "system" : actor.role,
    actorLabel: entry.actorLabel,
    source: entry.source,
    eventId: entry.eventId,
    requestId: entry.requestId,
    correlationId: entry.correlationId,
    causationId: entry.causationId,
    idempotencyKey: entry.idempotencyKey,
    commandType: entry.commandType,
    appVersion: entry.appVersion,
    reason: entry.reason,
    type: entry.type,
    streamId: entry.streamId,
    version: entry.version,
    position: entry.position,
    sentence: entry.sentence,
    replays: entry.replays?.sent ?? 1,
    compensates: entry.compensates?.eventId ?? null,
    data: entry.data,
  };
}

export interface ExportOptions {
  order?: ExportOrder;
  batchSize?: number;
}

/**
 * An account's filtered timeline, batch by batch, through the read model's
 * keyset (position): one batch in memory at a time, however long the history.
 * Events above the newest position matched when it began are left out, and
 * so are superseded events (decision 5). Not a
 * snapshot, though: the read model applies events in commit order, so an event
 * projected meanwhile below that position (its transaction began earlier)
 * appears if the export has not yet passed it.
 */
export async function* exportBatches(
  deps: TimelineDeps,
  accountId: string,
  filters: Omit<TimelineFilters, "cursor">,
  { order = "desc", batchSize = EXPORT_BATCH_SIZE }: ExportOptions = {},
): AsyncGenerator<ExportRow[]> {
  const scope = { accountId };
  // Both stop at the newest event matched when it began: newest first pages down from it,
  // oldest first up to it.
  const top =
    order === "asc"
      ? (await listTimelineFacts(deps.db, scope, { ...filters, limit: 1 })).facts[0]?.position
      : undefined;
  if (order === "asc" && top === undefined) return;
  let last: number | undefined;
  for (;;) {
    const keyset = order === "desc" ? { cursor: last } : { afterPosition: last, upToPosition: top };
    const { facts, more } = await listTimelineFacts(deps.db, scope, {
      ...filters,
      ...keyset,
      order,
      limit: batchSize,
    });
    // The corrected history: a superseded event is left out (its EventSuperseded row stays and names it).
    if (facts.length > 0) yield (await toEntries(deps, facts)).filter((e) => !e.supersededBy).map(toExportRow);
    if (!more || facts.length === 0) return;
    last = facts.at(-1)!.position;
  }
}
