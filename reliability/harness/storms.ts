/**
 * Retry storms: the same request sent several times at the same moment, and
 * what the log and request_replays say about each one afterwards (one
 * request's events carry its key; the others were answered as replays, alike,
 * marked, and put on record).
 */
import { isDeepStrictEqual } from "node:util";
import type { Database } from "@/lib/db/types";
import type { Reply } from "./http";

/** Runs fn over items, `parallel` at a time, in order of start. */
export async function pooled<T, R>(items: T[], parallel: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!, i);
    }),
  );
  return results;
}

export interface Storm {
  key: string;
  /** The key as the store scopes it (caller:key), as in idempotency_keys and request_replays. */
  scopedKey: string;
  replies: Reply[];
  requestIds: string[];
}

/** `times` identical requests at the same moment; their answers in the order sent. */
export async function storm(
  key: string,
  scopedKey: string,
  times: number,
  send: (requestId: string) => Promise<Reply>,
): Promise<Storm> {
  const requestIds = Array.from({ length: times }, (_, r) => `${key}-try${r}`);
  const replies = await Promise.all(requestIds.map(send));
  return { key, scopedKey, replies, requestIds };
}

/** Storms not answered 200 every time: each answer's status, and the first other answer. */
export function notAllOk(storms: Storm[]): string[] {
  return storms
    .filter((s) => s.replies.some((r) => r.status !== 200))
    .map((s) => {
      const other = s.replies.find((r) => r.status !== 200)!;
      return `${s.key}: ${s.replies.map((r) => r.status).join("/")}, e.g. ${JSON.stringify(other.body)}`;
    });
}

export interface Verdict {
  answersDiffer: string[];
  wrongReplayHeaders: string[];
  effects: number;
  missing: string[];
  duplicated: string[];
  writerNotApplied: string[];
  replaysRecorded: number;
  replaysMissing: string[];
}

/** What the log and request_replays say about the storms, key by key. */
export async function judge(db: Database, storms: Storm[], replaySource: string): Promise<Verdict> {
  const verdict: Verdict = {
    answersDiffer: [],
    wrongReplayHeaders: [],
    effects: 0,
    missing: [],
    duplicated: [],
    writerNotApplied: [],
    replaysRecorded: 0,
    replaysMissing: [],
  };
  const written = await db.prisma.$queryRaw<{ key: string; request_id: string; events: bigint }[]>`
    SELECT metadata->>'idempotencyKey' AS key, metadata->>'requestId' AS request_id, count(*) AS events
    FROM events WHERE metadata->>'idempotencyKey' = ANY(${storms.map((s) => s.key)}::text[]) GROUP BY 1, 2`;
  const replays = await db.prisma.$queryRaw<{ key: string; request_id: string; source: string }[]>`
    SELECT idempotency_key AS key, request_id, source FROM request_replays
    WHERE idempotency_key = ANY(${storms.map((s) => s.scopedKey)}::text[])`;
  for (const s of storms) {
    const [first, ...others] = s.replies;
    if (!others.every((r) => r.status === first!.status && isDeepStrictEqual(r.body, first!.body))) {
      verdict.answersDiffer.push(
        `${s.key}: ${s.replies.map((r) => `${r.status} ${JSON.stringify(r.body)}`).join(" | ")}`,
      );
    }
    const replayed = s.replies.map((r) => r.headers.get("idempotent-replayed") === "true");
    const applied = s.requestIds.filter((_, r) => !replayed[r]);
    if (applied.length !== 1) verdict.wrongReplayHeaders.push(`${s.key}: replayed ${JSON.stringify(replayed)}`);
    const writers = written.filter((w) => w.key === s.key);
    if (writers.length === 0) verdict.missing.push(s.key);
    else verdict.effects++;
    // One effect: the events carrying the key come from one request, the one not answered as a replay.
    const expectedEvents = (first!.body.events as unknown[] | undefined)?.length ?? 0;
    const described = `${s.key}: ${JSON.stringify(writers, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`;
    if (writers.length > 1) verdict.duplicated.push(described);
    // One writer, but not the request answered as the one applied (or not all of its events).
    else if (writers[0] && (writers[0].request_id !== applied[0] || Number(writers[0].events) !== expectedEvents))
      verdict.writerNotApplied.push(described);
    const recorded = replays.filter((r) => r.key === s.scopedKey && r.source === replaySource);
    verdict.replaysRecorded += recorded.length;
    const expected = s.requestIds.filter((_, r) => replayed[r]).sort();
    if (!isDeepStrictEqual(recorded.map((r) => r.request_id).sort(), expected)) {
      verdict.replaysMissing.push(
        `${s.key}: recorded ${JSON.stringify(recorded)}, expected ${JSON.stringify(expected)}`,
      );
    }
  }
  return verdict;
}
