import { type AppendDatabase, checkHead, expectedNumber, type OnWritten, WRITE_TRANSACTION } from "./append";
import { appendArguments, headOf } from "./append-arguments";
import type { Prepared } from "./prepare-append";
import { applyAppendEffects, hasEffects } from "./effects";
import { directStatements } from "./group-commit";
import { type HeadCache, NEW_STREAM, readHead, type StreamHead } from "./heads";
import type { Queryable } from "./rows";
import type { Assumed } from "./state-cache";
import type { AppendOptions, AppendResult } from "./types";

/** One stream's part of a batch. */
export interface BatchItem {
  streamId: string;
  prepared: Prepared;
  options: AppendOptions;
}

/**
 * Nothing of the batch was written: its item `index` did not hold (another
 * head, a key already used, its expected version or account refused). The
 * caller appends its parts apart instead, where each answers for itself.
 */
export class BatchRefused extends Error {
  constructor(
    readonly index: number,
    readonly streamId: string,
    /** "assumed": the head its decision took for granted moved (index in the assumed heads), not a part. */
    readonly reason: "part" | "assumed" = "part",
  ) {
    super(
      reason === "part"
        ? `the batch's append to ${streamId} did not hold`
        : `${streamId} is no longer as the batch's decision assumed`,
    );
  }
}

/**
 * Appends to several streams in one statement (ledgerline_append_all,
 * migration 20261219090000), all or nothing, the items' events in order in
 * the global log: each chained from the head this process knows (read where
 * it knows none, or one that contradicts the item's expected version), each
 * head checked by the statement as a single append's is.
 */
export async function appendBatch(
  db: AppendDatabase,
  heads: HeadCache,
  items: BatchItem[],
  {
    assumed,
    written,
  }: { assumed?: readonly Assumed[]; written?: (index: number, ...args: Parameters<OnWritten>) => void } = {},
): Promise<AppendResult[]> {
  const known = await Promise.all(items.map((item) => headFor(db.raw, heads, item)));
  const built = items.map((item, i) => {
    try {
      checkHead(item.streamId, known[i]!, item.prepared, item.options);
    } catch {
      throw new BatchRefused(i, item.streamId);
    }
    return appendArguments(item.streamId, item.prepared, known[i]!, item.options.idempotency?.key);
  });
  const appends = built.map((b) => b.args);
  const answer = items.some((item) => hasEffects(item.prepared))
    ? await db.prisma.$transaction(async (tx) => {
        const answer = await directStatements(tx).all(appends, assumed);
        if (answer.outcome === "appended") {
          // A supersession's or an erasure's effect beside the log, in the batch's transaction.
          for (const [i, { streamId, prepared }] of items.entries()) {
            await applyAppendEffects(tx, streamId, prepared, answer.results[i]!, built[i]!.head.recordedAt!);
          }
        }
        return answer;
      }, WRITE_TRANSACTION)
    : await db.statements.all(appends, assumed);
  if (answer.outcome === "stale") throw new BatchRefused(answer.index, assumed![answer.index]!.streamId, "assumed");
  if (answer.outcome === "refused") {
    const { streamId } = items[answer.index]!;
    if (answer.answer.outcome === "conflict") heads.set(streamId, headOf(answer.answer.head));
    throw new BatchRefused(answer.index, streamId);
  }
  built.forEach((b, i) => {
    heads.set(items[i]!.streamId, b.head);
    written?.(i, known[i]!, b.head, answer.results[i]!);
  });
  return answer.results;
}

async function headFor(db: Queryable, heads: HeadCache, { streamId, options }: BatchItem): Promise<StreamHead> {
  const expected = expectedNumber(options.expectedVersion);
  const cached = heads.get(streamId) ?? (expected === 0 ? NEW_STREAM : undefined);
  return cached && (expected === null || cached.version === expected) ? cached : readHead(db, streamId);
}
