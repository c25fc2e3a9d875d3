import { prepared } from "@/lib/db/raw-transaction";
import { IdempotencyKeyReusedError, IdempotentRejectionReplay } from "./errors";
import type { Queryable } from "./rows";
import type { AppendResult } from "./types";

interface StoredOutcome {
  request_hash: string;
  result: AppendResult | { rejected: unknown } | null;
}

/**
 * What the first request with this key got: its append result (returned, marked
 * replayed), or its rejection (thrown as IdempotentRejectionReplay). The same
 * key with another request is refused. Null when the key is unused.
 */
export async function readIdempotentOutcome(
  db: Queryable,
  key: string,
  requestHash: string,
): Promise<AppendResult | null> {
  const [row] = await db.$queryRaw<StoredOutcome[]>(prepared`
    SELECT request_hash, result FROM idempotency_keys WHERE key = ${key}`);
  if (!row) return null;
  if (row.request_hash !== requestHash || row.result === null) throw new IdempotencyKeyReusedError(key);
  if ("rejected" in row.result) throw new IdempotentRejectionReplay(key, row.result.rejected);
  return { ...row.result, replayed: true };
}

/** Records a rejection as the key's outcome, unless the key already has one. */
export async function recordIdempotentRejection(db: Queryable, key: string, requestHash: string, rejection: unknown) {
  await db.$executeRaw`
    INSERT INTO idempotency_keys (key, request_hash, result)
    VALUES (${key}, ${requestHash}, ${JSON.stringify({ rejected: rejection })}::jsonb)
    ON CONFLICT (key) DO NOTHING`;
}
