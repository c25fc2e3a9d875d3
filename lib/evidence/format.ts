import type { SliceRun, StoredRow } from "@/lib/event-store";

/** The bundle's version; a reader refuses any other. See docs/evidence.md. */
export const EVIDENCE_FORMAT = "ledgerline-evidence/1";

/** The fields the hash covers (lib/event-store/hash-chain.ts `hashEvent`), in the bundle's order. */
export const HASHED_FIELDS = [
  "eventId",
  "streamId",
  "streamType",
  "streamVersion",
  "eventType",
  "schemaVersion",
  "data",
  "metadata",
  "accountId",
  "occurredAt",
  "recordedAt",
  "prevHash",
] as const;

export const HASH_RULE = {
  algorithm: "SHA-256, hex",
  over: "the RFC 8785 (JCS) canonical JSON of an object holding exactly the hashed fields",
  fields: HASHED_FIELDS,
  chain: "prevHash is the hash of the stream's previous version; null for version 1",
};

/** One event exactly as stored and hashed, with its position and whether the period selected it. */
export function evidenceEvent(row: StoredRow) {
  return {
    position: row.position,
    inPeriod: row.inSlice,
    eventId: row.eventId,
    streamId: row.streamId,
    streamType: row.streamType,
    streamVersion: row.streamVersion,
    eventType: row.eventType,
    schemaVersion: row.schemaVersion,
    // As stored: personal fields stay {"$pd": id} references, which is what the hash covers.
    data: row.data,
    metadata: row.metadata,
    accountId: row.accountId,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export type EvidenceEvent = ReturnType<typeof evidenceEvent>;

/** A stream's entry before its events: the run the bundle holds and the stream's head when generated. */
export function streamHeader(run: SliceRun) {
  return {
    streamId: run.streamId,
    streamType: run.streamType,
    head: run.head,
    run: { fromVersion: run.fromVersion, toVersion: run.toVersion, reachesHead: run.toVersion === run.head.version },
    eventsInPeriod: run.selected,
  };
}
