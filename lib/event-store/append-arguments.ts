import type { AppendResult } from "./types";
import { hashEvent } from "./hash-chain";
import type { StreamHead } from "./heads";
import { extractPersonalData, type PersonalDataRow } from "./personal-data";
import type { Prepared } from "./prepare-append";

/**
 * The events as stored, chained from the head: versions after it, hashes
 * linked to its last hash, recorded_at from this clock but never before the
 * head's (so "as of a time" always folds a prefix of a stream, also when a
 * clock steps back).
 */
function chainFrom(streamId: string, { streamType, metadata, prepared }: Prepared, head: StreamHead) {
  const clock = new Date();
  const recordedAt = head.recordedAt && head.recordedAt > clock ? head.recordedAt : clock;
  let prevHash = head.lastHash;
  const personal: PersonalDataRow[] = [];
  const rows = prepared.map((event, index) => {
    const { stored, rows: pd } = extractPersonalData(event.data, event.definition.personalFields, metadata.accountId);
    personal.push(...pd);
    const content = {
      eventId: event.eventId,
      streamId,
      streamType,
      streamVersion: head.version + index + 1,
      eventType: event.type,
      schemaVersion: event.schemaVersion,
      data: stored,
      metadata,
      accountId: metadata.accountId,
      occurredAt: event.occurredAt ?? recordedAt,
      recordedAt,
      prevHash,
    };
    const hash = hashEvent(content);
    prevHash = hash;
    return { ...content, hash };
  });
  return { rows, personal, recordedAt };
}

export type Answer =
  | { outcome: "appended"; result: AppendResult }
  | { outcome: "earlier" }
  | {
      outcome: "conflict";
      head: { version: number; lastHash: string | null; recordedAt: string | null; accountId: string | null };
    };

/** What ledgerline_append (migration 20261213090000) is given for one stream: the events chained from `head`. */
export function appendArguments(streamId: string, prepared: Prepared, head: StreamHead, key: string | undefined) {
  const { metadata, streamType, requestHash } = prepared;
  const { rows, personal, recordedAt } = chainFrom(streamId, prepared, head);
  const events = rows.map((r) => ({
    event_id: r.eventId,
    stream_version: r.streamVersion,
    event_type: r.eventType,
    schema_version: r.schemaVersion,
    data: r.data,
    occurred_at: r.occurredAt.toISOString(),
    prev_hash: r.prevHash,
    hash: r.hash,
  }));
  const last = rows.at(-1)!;
  return {
    args: {
      streamId,
      streamType,
      accountId: metadata.accountId,
      headVersion: head.version,
      headHash: head.lastHash,
      recordedAt: recordedAt.toISOString(),
      events,
      metadata,
      correlationId: metadata.correlationId,
      appVersion: metadata.appVersion,
      personal: personal.map((p) => ({ id: p.id, value: p.value })),
      key: key ?? null,
      requestHash,
    },
    /** The head once written. */
    head: { version: last.streamVersion, lastHash: last.hash, recordedAt, accountId: metadata.accountId },
  };
}

export type AppendArgs = ReturnType<typeof appendArguments>["args"];

/** A head as a statement's answer gives it (its time as JSON text). */
export function headOf(found: Extract<Answer, { outcome: "conflict" }>["head"]): StreamHead {
  return { ...found, recordedAt: found.recordedAt ? new Date(found.recordedAt) : null };
}
