import { createHash, randomUUID } from "node:crypto";
import canonicalize from "canonicalize";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConcurrencyError, EventValidationError, type ExpectedVersion } from "./errors";
import { applyEffects } from "./effects";
import { readIdempotentOutcome } from "./idempotency";
import { hashEvent } from "./hash-chain";
import { ZEventMetadata, type EventMetadata } from "./metadata";
import { extractPersonalData, type PersonalDataRow } from "./personal-data";
import { type EventRegistry, zodIssues } from "./registry";
import type { Queryable } from "./rows";
import { streamTypeOf } from "./stream-id";
import type { AppendOptions, AppendResult, NewEvent } from "./types";

export const MAX_EVENTS_PER_APPEND = 500;

/** Appends NOTIFY this channel (delivered at commit), so runners in other processes wake at once. */
export const EVENTS_CHANNEL = "ledgerline_events";

/** The key was used before: carries the first append's result out of the rolled-back transaction. */
export class EarlierResult extends Error {
  constructor(readonly result: AppendResult) {
    super("an earlier append with this idempotency key");
  }
}

/** Validates everything before any SQL runs, so invalid input writes nothing. */
export function prepareAppend(registry: EventRegistry, streamId: string, events: NewEvent[], options: AppendOptions) {
  const streamType = streamTypeOf(streamId);
  if (events.length === 0 || events.length > MAX_EVENTS_PER_APPEND) {
    throw new EventValidationError("Invalid append", [
      { path: "events", message: `expected 1 to ${MAX_EVENTS_PER_APPEND} events, got ${events.length}` },
    ]);
  }
  checkExpectedVersion(options.expectedVersion);
  const parsedMetadata = ZEventMetadata.safeParse(options.metadata);
  if (!parsedMetadata.success) {
    throw new EventValidationError("Invalid event metadata", zodIssues(parsedMetadata.error, "metadata"));
  }
  const metadata = parsedMetadata.data;
  const prepared = events.map((event, index) => {
    try {
      const definition = registry.get(event.type);
      const data = registry.validate(event.type, event.data, event.schemaVersion);
      const schemaVersion = event.schemaVersion ?? definition.schemaVersion;
      return { ...event, eventId: event.eventId ?? randomUUID(), data, definition, schemaVersion };
    } catch (error) {
      if (error instanceof EventValidationError && events.length > 1) {
        throw new EventValidationError(`Event ${index + 1} of ${events.length} (${event.type})`, error.issues);
      }
      throw error;
    }
  });
  const requestHash =
    options.idempotency?.requestHash ??
    createHash("sha256")
      .update(canonicalize({ streamId, events: prepared.map((e) => ({ type: e.type, data: e.data })) })!)
      .digest("hex");
  return { streamType, metadata, prepared, requestHash };
}

function checkExpectedVersion(expected: ExpectedVersion) {
  if (expected === "any" || expected === "no_stream") return;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new EventValidationError("Invalid append", [
      { path: "expectedVersion", message: `must be a whole number >= 0, "no_stream" or "any"` },
    ]);
  }
}

type Prepared = ReturnType<typeof prepareAppend>;

/**
 * The append itself, inside the caller's transaction: lock the stream's head
 * row, claim the idempotency key, check the expected version, write the
 * chained events and move the head. Any failure rolls all of it back.
 */
export async function appendInTransaction(
  tx: Queryable,
  streamId: string,
  { streamType, metadata, prepared, requestHash }: Prepared,
  options: AppendOptions,
): Promise<AppendResult> {
  // Writers of one stream queue on an advisory lock, which takes no
  // transaction id. The id is taken by the first write after it (locking the
  // head row), so each version's transaction gets its id after the previous
  // version committed: the global log's order (transaction id, then position)
  // keeps every stream's version order, and every id precedes its positions.
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${streamId}, 0))`;
  const head = await lockStreamHead(tx, streamId, streamType, metadata);

  const key = options.idempotency?.key;
  if (key !== undefined) {
    const earlier = await claimIdempotencyKey(tx, key, requestHash);
    // Thrown, so the transaction rolls back (a repeat may have created an empty head row for a new stream).
    if (earlier) throw new EarlierResult(earlier);
  }

  // The head's clock was read once the stream was ours: recorded_at never goes
  // backwards within a stream, so "as of a time" always folds a prefix.
  const now = head.now;
  const expected = options.expectedVersion;
  const expectedNumber = expected === "no_stream" ? 0 : expected;
  if (expectedNumber !== "any" && head.version !== expectedNumber) {
    throw new ConcurrencyError(streamId, expected, head.version);
  }

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
      occurredAt: event.occurredAt ?? now,
      recordedAt: now,
      prevHash,
    };
    const hash = hashEvent(content);
    prevHash = hash;
    return { ...content, hash };
  });

  // One statement: the personal data, the events, the head's move and the wake-up for other processes' runners.
  const personalInsert =
    personal.length === 0
      ? Prisma.empty
      : Prisma.sql`pd AS (INSERT INTO personal_data (id, account_id, value) VALUES ${Prisma.join(
          personal.map((p) => Prisma.sql`(${p.id}::uuid, ${p.accountId}, ${p.value})`),
        )}),`;
  const version = head.version + rows.length;
  const inserted = await tx.$queryRaw<{ global_position: bigint; event_id: string }[]>`
    WITH ${personalInsert}
    ins AS (
      INSERT INTO events (event_id, stream_id, stream_type, stream_version, event_type, schema_version,
                          data, metadata, account_id, correlation_id, app_version, occurred_at, recorded_at,
                          prev_hash, hash)
      VALUES ${Prisma.join(
        rows.map(
          (r) => Prisma.sql`(${r.eventId}::uuid, ${r.streamId}, ${r.streamType}, ${r.streamVersion}, ${r.eventType},
            ${r.schemaVersion}, ${JSON.stringify(r.data)}::jsonb, ${JSON.stringify(r.metadata)}::jsonb, ${r.accountId},
            ${metadata.correlationId}, ${metadata.appVersion}, ${r.occurredAt.toISOString()}::timestamptz,
            ${r.recordedAt.toISOString()}::timestamptz, ${r.prevHash}, ${r.hash})`,
        ),
      )}
      RETURNING global_position, event_id::text AS event_id),
    moved AS (
      UPDATE streams SET version = ${version}, last_hash = ${prevHash}, updated_at = ${now.toISOString()}::timestamptz
      WHERE stream_id = ${streamId})
    SELECT ins.global_position, ins.event_id FROM ins,
      (SELECT pg_notify(${EVENTS_CHANNEL}, ${streamId})) AS wake`;
  const positions = new Map(inserted.map((row) => [row.event_id, Number(row.global_position)]));
  // What some events do beside the log (a supersession, an erasure) commits with them.
  const effects = prepared
    .filter((event) => event.definition.effect)
    .map((event) => ({ ...event, position: positions.get(event.eventId)!, recordedAt: now }));
  if (effects.length > 0) await applyEffects(tx, streamId, metadata.accountId, effects);

  const events = rows.map((r) => ({
    eventId: r.eventId,
    type: r.eventType,
    version: r.streamVersion,
    position: positions.get(r.eventId)!,
  }));
  const result: AppendResult = {
    streamId,
    accountId: metadata.accountId,
    version,
    position: Math.max(...events.map((e) => e.position)),
    events,
    replayed: false,
  };
  if (key !== undefined) {
    await tx.$executeRaw`UPDATE idempotency_keys SET result = ${JSON.stringify(result)}::jsonb WHERE key = ${key}`;
  }
  return result;
}

/**
 * Inserts the key, or, when another transaction holds it, waits for that one
 * to finish (the unique index blocks) and returns its stored result.
 */
async function claimIdempotencyKey(tx: Queryable, key: string, requestHash: string): Promise<AppendResult | null> {
  const claimed = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO idempotency_keys (key, request_hash, result) VALUES (${key}, ${requestHash}, 'null'::jsonb)
    ON CONFLICT (key) DO NOTHING RETURNING key`;
  if (claimed.length > 0) return null;
  return readIdempotentOutcome(tx, key, requestHash);
}

async function lockStreamHead(tx: Queryable, streamId: string, streamType: string, metadata: EventMetadata) {
  type Head = { version: number; last_hash: string | null; account_id: string; now: Date };
  // (The advisory lock is held, so nothing waits here and the clock is read after it.)
  let [head] = await tx.$queryRaw<Head[]>`
    SELECT version, last_hash, account_id, date_trunc('milliseconds', clock_timestamp()) AS now
    FROM streams WHERE stream_id = ${streamId} FOR UPDATE`;
  if (!head) {
    // (Creators of one stream already queue on the advisory lock, so this never waits.)
    await tx.$executeRaw`
      INSERT INTO streams (stream_id, stream_type, account_id, version) VALUES (${streamId}, ${streamType}, ${metadata.accountId}, 0)
      ON CONFLICT (stream_id) DO NOTHING`;
    [head] = await tx.$queryRaw<Head[]>`
      SELECT version, last_hash, account_id, date_trunc('milliseconds', clock_timestamp()) AS now
      FROM streams WHERE stream_id = ${streamId} FOR UPDATE`;
  }
  if (head!.account_id !== metadata.accountId) {
    throw new EventValidationError("Invalid event metadata", [
      {
        path: "metadata.accountId",
        message: `stream ${streamId} belongs to account ${head!.account_id}, not ${metadata.accountId}`,
      },
    ]);
  }
  return { version: head!.version, lastHash: head!.last_hash, now: head!.now };
}
