import { LRUCache } from "lru-cache";
import { prepared } from "@/lib/db/raw-transaction";
import type { Queryable } from "./rows";

/** A stream's head as the last append left it: what the next append chains from. */
export interface StreamHead {
  version: number;
  lastHash: string | null;
  /** recorded_at of its last event (null for a new stream): the next one is never earlier. */
  recordedAt: Date | null;
  /** Null for a new stream. */
  accountId: string | null;
}

export const NEW_STREAM: StreamHead = { version: 0, lastHash: null, recordedAt: null, accountId: null };

export async function readHead(db: Queryable, streamId: string): Promise<StreamHead> {
  const [row] = await db.$queryRaw<
    { version: number; last_hash: string | null; updated_at: Date; account_id: string }[]
  >(prepared`
    SELECT version, last_hash, updated_at, account_id FROM streams WHERE stream_id = ${streamId}`);
  if (!row) return NEW_STREAM;
  return { version: row.version, lastHash: row.last_hash, recordedAt: row.updated_at, accountId: row.account_id };
}

/**
 * The heads this process last saw, so an append usually needs no read before
 * its one statement. Only a hint: the statement writes nothing unless the
 * head in the database is exactly the one given, and a stale entry costs one
 * retry (the statement answers with the real head).
 */
export function createHeadCache(max = 20_000) {
  return new LRUCache<string, StreamHead>({ max });
}

export type HeadCache = ReturnType<typeof createHeadCache>;
