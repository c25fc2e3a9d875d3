import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

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

/** SHA-256 over the RFC 8785 canonical JSON of the content, chained to the previous event's hash. */
export function hashEvent(content: HashedContent): string {
  // Pick the fields by name: a stored row also carries its position and hash.
  const canonical = canonicalize({
    eventId: content.eventId,
    streamId: content.streamId,
    streamType: content.streamType,
    streamVersion: content.streamVersion,
    eventType: content.eventType,
    schemaVersion: content.schemaVersion,
    data: content.data,
    metadata: content.metadata,
    accountId: content.accountId,
    occurredAt: content.occurredAt.toISOString(),
    recordedAt: content.recordedAt.toISOString(),
    prevHash: content.prevHash,
  });
  return createHash("sha256").update(canonical!).digest("hex");
}

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
