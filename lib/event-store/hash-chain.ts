import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** What the hash covers: everything stored about an event except its global position. */
export interface HashedContent {
  eventId: string;
  streamId: string;
  streamType: string;
  streamVersion: number;
  eventType: string;
  schemaVersion: number;
  /** As stored: personal fields are references, so erasing them keeps the hash valid. */
  data: unknown;
  metadata: unknown;
  accountId: string;
  occurredAt: Date;
  recordedAt: Date;
  prevHash: string | null;
}

// An append's events share one metadata object: written once, not once per event.
const canonicalMetadata = new WeakMap<object, string>();

function metadataJson(metadata: unknown): string {
  if (typeof metadata !== "object" || metadata === null) return canonicalJson(metadata);
  let json = canonicalMetadata.get(metadata);
  if (json === undefined) canonicalMetadata.set(metadata, (json = canonicalJson(metadata)));
  return json;
}

/** SHA-256 over the RFC 8785 canonical JSON of the content, chained to the previous event's hash. */
export function hashEvent(content: HashedContent): string {
  return createHash("sha256").update(canonicalContent(content)).digest("hex");
}

/**
 * The content's canonical JSON: its twelve fields by name (a stored row also
 * carries its position and hash), keys in the canonical (sorted) order.
 */
function canonicalContent(c: HashedContent): string {
  const fields = [c.eventId, c.streamId, c.streamType, c.streamVersion, c.eventType, c.schemaVersion, c.data];
  // A field left out (undefined) is left out of the JSON too: the general path says how.
  if (fields.includes(undefined) || [c.metadata, c.accountId, c.prevHash].includes(undefined)) {
    return canonicalJson(hashedFields(c));
  }
  return (
    `{"accountId":${canonicalJson(c.accountId)},"data":${canonicalJson(c.data)},` +
    `"eventId":${canonicalJson(c.eventId)},"eventType":${canonicalJson(c.eventType)},` +
    `"metadata":${metadataJson(c.metadata)},"occurredAt":"${c.occurredAt.toISOString()}",` +
    `"prevHash":${canonicalJson(c.prevHash)},"recordedAt":"${c.recordedAt.toISOString()}",` +
    `"schemaVersion":${canonicalJson(c.schemaVersion)},"streamId":${canonicalJson(c.streamId)},` +
    `"streamType":${canonicalJson(c.streamType)},"streamVersion":${canonicalJson(c.streamVersion)}}`
  );
}

/** The twelve fields the hash covers, as the canonical JSON writes them (dates as ISO text). */
export const hashedFields = (c: HashedContent) => ({
  eventId: c.eventId,
  streamId: c.streamId,
  streamType: c.streamType,
  streamVersion: c.streamVersion,
  eventType: c.eventType,
  schemaVersion: c.schemaVersion,
  data: c.data,
  metadata: c.metadata,
  accountId: c.accountId,
  occurredAt: c.occurredAt.toISOString(),
  recordedAt: c.recordedAt.toISOString(),
  prevHash: c.prevHash,
});

export type ChainProblemKind = "hash_mismatch" | "broken_link" | "missing_version" | "head_mismatch";

export interface ChainProblem {
  kind: ChainProblemKind;
  streamId: string;
  version: number | null;
  position: number | null;
  eventId: string | null;
  message: string;
}

export interface StoredChainRow extends HashedContent {
  position: number;
  hash: string;
}

/** The head the streams table recorded at the last append. */
export interface StreamHead {
  version: number;
  lastHash: string | null;
}

/**
 * Checks one stream's rows (in version order) against their hashes, their
 * links and the recorded head. Finds altered, removed and reordered events.
 */
export function verifyChain(streamId: string, rows: StoredChainRow[], head: StreamHead | null): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const at = (row: StoredChainRow) => ({
    streamId,
    version: row.streamVersion,
    position: row.position,
    eventId: row.eventId,
  });
  let previous: StoredChainRow | null = null;
  for (const row of rows) {
    const expectedVersion = previous ? previous.streamVersion + 1 : 1;
    if (row.streamVersion !== expectedVersion) {
      problems.push({
        kind: "missing_version",
        ...at(row),
        message: `${streamId}: expected version ${expectedVersion} but found ${row.streamVersion} (event ${row.eventId} at position ${row.position}); events are missing or reordered`,
      });
    }
    if (hashEvent(row) !== row.hash) {
      problems.push({
        kind: "hash_mismatch",
        ...at(row),
        message: `${streamId} v${row.streamVersion} (event ${row.eventId} at position ${row.position}) does not match its hash: its content was altered`,
      });
    }
    const expectedPrev = previous?.hash ?? null;
    if (row.prevHash !== expectedPrev) {
      problems.push({
        kind: "broken_link",
        ...at(row),
        message: `${streamId} v${row.streamVersion} (event ${row.eventId} at position ${row.position}) does not link to the event before it: an event before it was removed, altered or reordered`,
      });
    }
    previous = row;
  }
  const lastVersion = previous?.streamVersion ?? 0;
  const lastHash = previous?.hash ?? null;
  if (head && (head.version !== lastVersion || head.lastHash !== lastHash)) {
    problems.push({
      kind: "head_mismatch",
      streamId,
      version: head.version,
      position: previous?.position ?? null,
      eventId: previous?.eventId ?? null,
      message: `${streamId}: the stream was last appended at version ${head.version} but its events end at version ${lastVersion}; its latest events were removed or altered`,
    });
  }
  return problems;
}
