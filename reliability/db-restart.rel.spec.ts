/**
 * The suite's PostgreSQL goes away under load and comes back: a fast
 * shutdown (clients disconnected) and an immediate one (a crash: recovery on
 * start), each held down for a few seconds, while writers issue commands and
 * readers read accounts over HTTP, and the app runs the projections itself.
 *
 * - During an outage every request fails cleanly: 503 with Retry-After and a
 *   JSON message a person understands; never a 500, a hang or a dropped
 *   connection.
 * - Writers retry a 503 after Retry-After with the same Idempotency-Key, as
 *   docs/api.md asks: a write whose connection broke as it committed is then
 *   answered from its first result (counted: committedDespite503), never
 *   applied twice. Afterwards every acknowledged write is in the log where
 *   its answer said, and no request left an event without its ack.
 * - The app recovers without a restart (same process), its projector's lease
 *   session reconnects, the read models catch up and agree with a replay of
 *   the log, and every purchase has its invoice (the follow-up the billing
 *   policy owes, even when the purchase's answer was lost in the outage).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { runConsistencyCheck } from "@/lib/projections/consistency-check";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { checkAcks } from "./harness/acks";
import { call, commandCall, type Outcome } from "./harness/bounded-http";
import { ackOf, type Acked, accountStory } from "./harness/load";
import { checkLog } from "./harness/log-checks";
import { type App, startApp } from "./harness/processes";
import { caughtUp } from "./harness/projections";
import { cluster, type Fresh, freshDatabase, report, sized } from "./harness/suite";

const WRITERS = 4;
const READERS = 2;
const OUTAGES = sized<("fast" | "immediate")[]>(
  ["fast", "immediate"],
  ["fast", "immediate", "fast", "immediate", "fast", "immediate"],
);
const DOWN_MS = sized(3000, 6000);
// A request that gets no answer in this long counts as hung (a bounded wait, not a timing assertion).
const HUNG_AFTER_MS = 30_000;
const SEEDED = 5;

let fresh: Fresh;
let app: App;
let runtime: Runtime;

beforeAll(async () => {
  fresh = await freshDatabase("db_restart");
  runtime = createRuntime(fresh.db);
  app = await startApp(fresh.url, { projector: true });
});
afterAll(async () => {
  await app?.stop();
  await fresh?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 503 as docs/api.md promises it: Retry-After in seconds, a code, a sentence. */
function clean503(outcome: Outcome): boolean {
  if (outcome.kind !== "reply" || outcome.reply.status !== 503) return false;
  const { headers, body } = outcome.reply;
  const retryAfter = Number(headers.get("retry-after"));
  const sentence = typeof body.message === "string" && /^[A-Z].{20,}\.$/.test(body.message);
  const code =
    ["DATABASE_UNAVAILABLE", "DATABASE_TIMEOUT"].includes(body.error as string) || body.status === "unavailable";
  return Number.isInteger(retryAfter) && retryAfter >= 1 && sentence && code;
}

test(`PostgreSQL restarted ${OUTAGES.length} times (fast and immediate) under load: clean 503s, nothing lost or half-written, the app recovers in place`, async () => {
  const token = fresh.tokens.admin;
  const acked: Acked[] = [];
  const seeded: string[] = [];
  for (let k = 0; k < SEEDED; k++) {
    const [open] = accountStory(`dr-seed-${k}`, k);
    const outcome = await call(app.baseUrl, commandCall(open!.type, open!.data, `dr-seed-${k}`, token));
    if (outcome.kind !== "reply" || outcome.reply.status !== 200)
      throw new Error(`seeding: ${JSON.stringify(outcome)}`);
    acked.push(ackOf(`dr-seed-${k}`, open!.type, outcome.reply));
    seeded.push(`dr-seed-${k}`);
  }
  await caughtUp(runtime);

  const unclean: string[] = [];
  let answered503 = 0;
  let hung = 0;
  let requests = 0;
  const tally = (outcome: Outcome, what: string) => {
    requests++;
    if (outcome.kind === "hung") hung++;
    if (clean503(outcome)) answered503++;
    else if (outcome.kind !== "reply" || outcome.reply.status !== 200) {
      unclean.push(
        `${what}: ${JSON.stringify(outcome.kind === "reply" ? { ...outcome.reply, headers: undefined } : outcome).slice(0, 300)}`,
      );
    }
  };

  let running = true;
  // Writers: each command is tried until it is acknowledged, after Retry-After (or a second, after anything else).
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    for (let n = 0; running; n++) {
      for (const [step, { type, data }] of accountStory(`dr-${w}-${n}`, n).entries()) {
        const requestId = `dr-${w}-${n}-${step}`;
        for (;;) {
          const outcome = await call(app.baseUrl, commandCall(type, data, requestId, token, HUNG_AFTER_MS));
          tally(outcome, `${type} ${requestId}`);
          if (outcome.kind === "reply" && outcome.reply.status === 200) {
            acked.push(ackOf(requestId, type, outcome.reply));
            break;
          }
          const retryAfter = outcome.kind === "reply" ? Number(outcome.reply.headers.get("retry-after")) : NaN;
          await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000);
        }
      }
    }
  });
  // Readers: an account, its timeline and the health check, without pause, so the outages see many reads.
  const readers = Array.from({ length: READERS }, async (_, r) => {
    for (let i = 0; running; i++) {
      const accountId = seeded[(r + i) % seeded.length]!;
      const path = [`/api/accounts/${accountId}`, `/api/accounts/${accountId}/timeline?limit=5`, "/api/health"][i % 3]!;
      tally(await call(app.baseUrl, { path, token, timeoutMs: HUNG_AFTER_MS }), `GET ${path}`);
      await sleep(50);
    }
  });

  const c = cluster();
  const before503 = () => answered503;
  const seenPerOutage: number[] = [];
  for (const mode of OUTAGES) {
    await sleep(2000);
    const at = before503();
    await c.stop(mode);
    await sleep(DOWN_MS);
    await c.start();
    // Back: the app answers its health check again (bounded wait), and a write goes through.
    const ackedBefore = acked.length;
    for (let tries = 0; ; tries++) {
      const health = await call(app.baseUrl, { path: "/api/health", token, timeoutMs: HUNG_AFTER_MS });
      if (health.kind === "reply" && health.reply.status === 200 && acked.length > ackedBefore) break;
      if (tries > 600) throw new Error(`the app did not recover after the ${mode} restart:\n${app.tail()}`);
      await sleep(100);
    }
    seenPerOutage.push(before503() - at);
  }
  running = false;
  await Promise.all([...writers, ...readers]);

  await caughtUp(runtime);
  const consistency = await runConsistencyCheck(runtime);
  const acks = await checkAcks(fresh.db, "dr-", acked);
  const log = await checkLog(fresh.db);
  const [billing] = await fresh.db.prisma.$queryRaw<{ uninvoiced: bigint }[]>`
    SELECT count(*) AS uninvoiced FROM events e WHERE e.event_type = 'PlanPurchased'
      AND NOT EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = 'invoice-' || (e.data->>'invoiceId'))`;
  const leaseReconnects = app.output.filter((line) => line.includes("lease session lost; reconnecting")).length;
  const committedDespite503 = acked.filter((a) => a.replayed).length;

  report("db-restart", {
    outages: OUTAGES.join("+"),
    downSeconds: DOWN_MS / 1000,
    requests,
    acknowledged: acked.length,
    answered503,
    unclean: unclean.length,
    hung,
    committedDespite503,
    lost: acks.lost,
    duplicated: acks.duplicated,
    writtenWithoutAck: acks.writtenWithoutAck,
    uninvoicedPurchases: Number(billing!.uninvoiced),
    leaseReconnects,
    consistencyDifferences: consistency.differences.length,
    appRestarts: app.running ? 0 : 1,
  });
  expect(unclean.slice(0, 5)).toEqual([]);
  expect(hung).toBe(0);
  // Every outage was seen by the load (not vacuous), and the app is the same process throughout.
  expect(seenPerOutage.every((n) => n > 0)).toBe(true);
  expect(app.running).toBe(true);
  expect(leaseReconnects).toBeGreaterThanOrEqual(OUTAGES.length);
  expect(acks).toMatchObject({ lost: 0, duplicated: 0, writtenWithoutAck: 0 });
  expect(Number(billing!.uninvoiced)).toBe(0);
  expect(consistency.differences.slice(0, 5)).toEqual([]);
  expect(log).toMatchObject({ versionGaps: 0, missedByReadAll: 0, outOfOrder: 0, brokenChains: 0 });
});
