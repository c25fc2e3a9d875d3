import type { Database } from "@/lib/db/types";
import { appendArguments, headOf } from "./append-arguments";
import { ConcurrencyError, EventValidationError, type ExpectedVersion } from "./errors";
import { applyAppendEffects, hasEffects } from "./effects";
import { type AppendStatements, directStatements } from "./group-commit";
import { readIdempotentOutcome } from "./idempotency";
import { type HeadCache, NEW_STREAM, readHead, type StreamHead } from "./heads";
import type { EventMetadata } from "./metadata";
import type { Queryable } from "./rows";
import type { AppendOptions, AppendResult } from "./types";
import type { Prepared } from "./prepare-append";
export { MAX_EVENTS_PER_APPEND, prepareAppend, type Prepared } from "./prepare-append";

/** After appends commit, the store NOTIFYs this channel (wake-signal.ts), so runners in other processes wake at once. */
export const EVENTS_CHANNEL = "ledgerline_events";

/** The expected version as a number (null for "any"). */
export function expectedNumber(expected: ExpectedVersion): number | null {
  return expected === "any" ? null : expected === "no_stream" ? 0 : expected;
}

/** The head an append may chain from: the stream's account, at the caller's expected version. */
export function checkHead(streamId: string, head: StreamHead, { metadata }: Prepared, options: AppendOptions) {
  checkAccount(streamId, head, metadata);
  const expected = expectedNumber(options.expectedVersion);
  if (expected !== null && head.version !== expected) {
    throw new ConcurrencyError(streamId, options.expectedVersion, head.version);
  }
}

/** A stream's head belongs to one account; appending another's events to it is refused. */
function checkAccount(streamId: string, head: StreamHead, metadata: EventMetadata) {
  if (head.accountId !== null && head.accountId !== metadata.accountId) {
    throw new EventValidationError("Invalid event metadata", [
      {
        path: "metadata.accountId",
        message: `stream ${streamId} belongs to account ${head.accountId}, not ${metadata.accountId}`,
      },
    ]);
  }
}

/** What one statement did: appended (with the new head), found the key taken, or found another head. */
type Written =
  | { outcome: "appended"; result: AppendResult; head: StreamHead }
  | { outcome: "earlier" }
  | { outcome: "conflict"; head: StreamHead };

/** One statement (the ledgerline_append function, migration 20261213090000): written only if the head is `head`. */
async function appendStatement(
  statements: AppendStatements,
  streamId: string,
  prepared: Prepared,
  head: StreamHead,
  key: string | undefined,
): Promise<Written> {
  const { args, head: newHead } = appendArguments(streamId, prepared, head, key);
  const answer = await statements.one(args);
  if (answer.outcome === "earlier") return answer;
  if (answer.outcome === "conflict") return { outcome: "conflict", head: headOf(answer.head) };
  return { outcome: "appended", result: answer.result, head: newHead };
}

/** A concurrent append moved the head between our read and our statement. */
class HeadMoved extends Error {
  constructor(readonly head: StreamHead) {
    super("the stream's head moved");
  }
}

/** The key was used before: carries its outcome out of a rolled-back transaction. */
class KeyTaken extends Error {
  constructor() {
    super("an earlier append with this idempotency key");
  }
}

// Unpinned appends ("any") that keep losing to other writers give up eventually rather than spin.
const MAX_HEAD_RETRIES = 100;
// A write transaction (an append with effects, an erasure) waits for a pool connection and for locks; both are
// bounded so a stuck writer surfaces as an error instead of hanging a request.
export const WRITE_TRANSACTION = { maxWait: 15_000, timeout: 30_000 } as const;

/** Told of each append this process wrote: the head it chained from, the head it left, its result. */
export type OnWritten = (base: StreamHead, head: StreamHead, result: AppendResult) => void;

/**
 * Autocommit statements through the driver (`statements`: grouped with other
 * appends of this process, group-commit.ts); the Prisma client for a
 * transaction with effects.
 */
export type AppendDatabase = Pick<Database, "raw" | "prisma"> & { statements: AppendStatements };

/**
 * Appends in one statement: from the head this process knows (or reads when
 * it knows none, or one that contradicts the caller's expected version), the
 * events are chained in Node and written by one conditional statement. When
 * another writer moved the head meanwhile, nothing is written and the answer
 * carries the real head: an expected version that no longer holds is a
 * ConcurrencyError, "any" tries again from it. A repeated idempotency key
 * returns the first append's result (or throws its rejection).
 */
export async function appendEvents(
  db: AppendDatabase,
  heads: HeadCache,
  streamId: string,
  prepared: Prepared,
  options: AppendOptions,
  written?: OnWritten,
): Promise<AppendResult> {
  const expected = expectedNumber(options.expectedVersion);
  const key = options.idempotency?.key;
  // A new stream needs no read: the statement creates its head only if there is none (or answers with it).
  let head = heads.get(streamId) ?? (expected === 0 ? NEW_STREAM : undefined);
  // A cached head is a hint; one read from the database (or a statement's answer) is the truth.
  let known = false;
  for (let attempt = 1; ; attempt++) {
    if (!head || (!known && expected !== null && head.version !== expected)) {
      head = await readHead(db.raw, streamId);
      known = true;
    }
    try {
      // The caller decided on another version: refused, unless it repeats an earlier request (then its answer).
      checkHead(streamId, head, prepared, options);
      const done = await writeOnce(db, streamId, prepared, head, key);
      heads.set(streamId, done.head);
      written?.(head, done.head, done.result);
      return done.result;
    } catch (error) {
      if (error instanceof HeadMoved) {
        heads.set(streamId, error.head);
        head = error.head;
        known = true;
        if (expected !== null || attempt < MAX_HEAD_RETRIES) continue;
        error = new ConcurrencyError(streamId, options.expectedVersion, head.version);
      }
      if (key !== undefined && (error instanceof KeyTaken || error instanceof ConcurrencyError)) {
        const earlier = await readIdempotentOutcome(db.raw, key, prepared.requestHash!);
        if (earlier) return earlier;
      }
      throw error;
    }
  }
}

/**
 * One attempt: the statement alone, or, for events with an effect beside the
 * log (a supersession, an erasure), the statement and the effects in one
 * transaction, so they commit together or not at all.
 */
async function writeOnce(
  db: AppendDatabase,
  streamId: string,
  prepared: Prepared,
  head: StreamHead,
  key: string | undefined,
): Promise<{ result: AppendResult; head: StreamHead }> {
  if (!hasEffects(prepared)) return settled(await appendStatement(db.statements, streamId, prepared, head, key));
  return db.prisma.$transaction(async (tx) => {
    const written = settled(await appendStatement(directStatements(tx), streamId, prepared, head, key));
    await applyAppendEffects(tx, streamId, prepared, written.result, written.head.recordedAt!);
    return written;
  }, WRITE_TRANSACTION);
}

function settled(written: Written): { result: AppendResult; head: StreamHead } {
  if (written.outcome === "conflict") throw new HeadMoved(written.head);
  if (written.outcome === "earlier") throw new KeyTaken();
  return written;
}

/**
 * The append inside the caller's open transaction (tests hold one open to
 * show the log's order): reads the head, checks the expected version, writes.
 */
export async function appendInTransaction(
  tx: Queryable,
  streamId: string,
  prepared: Prepared,
  options: AppendOptions,
): Promise<AppendResult> {
  const head = await readHead(tx, streamId);
  checkHead(streamId, head, prepared, options);
  const written = await appendStatement(directStatements(tx), streamId, prepared, head, options.idempotency?.key);
  if (written.outcome === "conflict")
    throw new ConcurrencyError(streamId, options.expectedVersion, written.head.version);
  if (written.outcome === "earlier")
    return (await readIdempotentOutcome(tx, options.idempotency!.key, prepared.requestHash!))!;
  return written.result;
}
