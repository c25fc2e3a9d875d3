/**
 * Time limits that end in clean answers, and a clock that jumps back.
 *
 * The database has an operator's `statement_timeout` (ALTER DATABASE, 5 s),
 * and one app instance runs with a pool of one connection and a 500 ms wait
 * for it (DATABASE_POOL_MAX=1, DATABASE_POOL_TIMEOUT_MS=500). The test holds
 * a stream's row lock in a transaction of its own:
 * - the append that waits on the lock outlives the statement timeout: a 503
 *   DATABASE_TIMEOUT with Retry-After, nothing written; the same key, retried
 *   once the lock is gone, writes it once;
 * - meanwhile that append holds the pool's one connection: other requests get
 *   a 503 DATABASE_TIMEOUT after the pool's wait, not a request that hangs.
 *
 * A second instance runs with a clock the test jumps back by an hour, twice,
 * while both instances write to the same streams: no append is refused, each
 * stream's recorded_at never goes back (appends clamp to the stream's last
 * event, lib/event-store/append.ts chainFrom), the global log stays in its
 * order, and every chain verifies.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { eventually } from "@/lib/testing/eventually";
import { call, commandCall, type Outcome } from "./harness/bounded-http";
import { checkLog } from "./harness/log-checks";
import { type App, startApp } from "./harness/processes";
import { cluster, type Fresh, freshDatabase, report, sized } from "./harness/suite";

const STATEMENT_TIMEOUT_MS = 5000;
const POOL_TIMEOUT_MS = 500;
const HUNG_AFTER_MS = 30_000;
const WRITERS_PER_APP = 2;
const STREAMS = 4;
const PHASE_MS = sized(2500, 10_000);
const HOUR = 3_600_000;

let fresh: Fresh;
let app: App;
let skewed: App;
let holder: pg.Client;
const clockFile = path.join(os.tmpdir(), `ledgerline-clock-${process.pid}`);

beforeAll(async () => {
  fresh = await freshDatabase("timeouts");
  await cluster().query(`ALTER DATABASE ${fresh.name} SET statement_timeout = '${STATEMENT_TIMEOUT_MS}ms'`);
  app = await startApp(fresh.url, {
    env: { DATABASE_POOL_MAX: "1", DATABASE_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS) },
  });
  fs.writeFileSync(clockFile, "0");
  const preload = path.resolve(import.meta.dirname, "harness", "shifted-clock.mjs");
  skewed = await startApp(fresh.url, {
    env: { NODE_OPTIONS: `--import ${preload}`, LEDGERLINE_TEST_CLOCK_FILE: clockFile },
  });
  holder = new pg.Client({ connectionString: fresh.url });
  await holder.connect();
});
afterAll(async () => {
  await holder?.end();
  await skewed?.stop();
  await app?.stop();
  await fresh?.close();
  fs.rmSync(clockFile, { force: true });
});

const token = () => fresh.tokens.admin;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const statusOf = (o: Outcome) => (o.kind === "reply" ? o.reply.status : o.kind);
const errorOf = (o: Outcome) => (o.kind === "reply" ? o.reply.body.error : o.kind);
const retryAfterOf = (o: Outcome) => (o.kind === "reply" ? o.reply.headers.get("retry-after") : null);

async function open(baseUrl: string, accountId: string) {
  const outcome = await call(
    baseUrl,
    commandCall(
      "OpenAccount",
      { accountId, name: `Clock ${accountId}`, billingEmail: `${accountId}@t.example`, currency: "USD" },
      `to-open-${accountId}`,
      token(),
    ),
  );
  expect(statusOf(outcome)).toBe(200);
}

const eventsOf = async (streamId: string) =>
  Number(
    (
      await fresh.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId}`
    )[0]!.n,
  );

/** Holds the stream's row lock (its head) in the test's own transaction until released. */
async function lockStream(streamId: string): Promise<() => Promise<void>> {
  await holder.query("BEGIN");
  await holder.query("SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE", [streamId]);
  return async () => void (await holder.query("ROLLBACK"));
}

test("an append that outlives the statement timeout is a 503 with nothing written; retried with its key, it lands once", async () => {
  await open(app.baseUrl, "to-locked");
  const release = await lockStream("account-to-locked");
  const before = await eventsOf("account-to-locked");
  const rename = commandCall(
    "RenameAccount",
    { accountId: "to-locked", name: "Renamed" },
    "to-rename-1",
    token(),
    HUNG_AFTER_MS,
  );
  let blocked: Outcome;
  try {
    blocked = await call(app.baseUrl, rename);
  } finally {
    await release();
  }
  const writtenWhileBlocked = (await eventsOf("account-to-locked")) - before;
  const retried = await call(app.baseUrl, rename);
  const repeated = await call(app.baseUrl, rename);
  const written = (await eventsOf("account-to-locked")) - before;

  report("timeouts:statement", {
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    blockedAnswer: `${statusOf(blocked)} ${errorOf(blocked)}`,
    retryAfter: retryAfterOf(blocked) ?? "none",
    writtenWhileBlocked,
    retried: statusOf(retried),
    eventsWritten: written,
  });
  expect({ status: statusOf(blocked), error: errorOf(blocked), retryAfter: retryAfterOf(blocked) }).toEqual({
    status: 503,
    error: "DATABASE_TIMEOUT",
    retryAfter: "2",
  });
  expect(blocked.kind === "reply" && blocked.reply.body.message).toMatch(/^The database is too busy/);
  expect(writtenWhileBlocked).toBe(0);
  expect(statusOf(retried)).toBe(200);
  expect(repeated.kind === "reply" && repeated.reply.headers.get("idempotent-replayed")).toBe("true");
  expect(written).toBe(1);
});

test("a full pool answers 503 after its wait, not a request that hangs; it serves again once the connection is free", async () => {
  await open(app.baseUrl, "to-other");
  const release = await lockStream("account-to-locked");
  // This append waits on the lock, holding the pool's one connection until the lock is released.
  const stuck = call(
    app.baseUrl,
    commandCall("RenameAccount", { accountId: "to-locked", name: "Stuck" }, "to-stuck", token(), HUNG_AFTER_MS),
  );
  let reads: Outcome[];
  try {
    await eventually(
      async () => {
        const [row] = await cluster().query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
          [fresh.name],
        );
        expect(Number(row!.n)).toBe(1);
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    reads = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(app.baseUrl, { path: "/api/accounts/to-other/timeline", token: token(), timeoutMs: HUNG_AFTER_MS }),
      ),
    );
  } finally {
    await release();
  }
  const stuckAnswer = await stuck;
  const after = await call(app.baseUrl, { path: "/api/accounts/to-other/timeline", token: token() });
  const poolWaits = app.output.filter((line) => line.includes("timeout exceeded when trying to connect")).length;

  report("timeouts:pool", {
    poolMax: 1,
    poolTimeoutMs: POOL_TIMEOUT_MS,
    reads: reads.length,
    answered503: reads.filter((r) => statusOf(r) === 503 && errorOf(r) === "DATABASE_TIMEOUT").length,
    hung: reads.filter((r) => r.kind === "hung").length,
    poolWaitsLogged: poolWaits,
    stuckWrite: statusOf(stuckAnswer),
    afterwards: statusOf(after),
  });
  expect(reads.map((r) => [statusOf(r), errorOf(r), retryAfterOf(r)])).toEqual(
    reads.map(() => [503, "DATABASE_TIMEOUT", "2"]),
  );
  expect(poolWaits).toBeGreaterThanOrEqual(reads.length);
  // The lock was released within the statement timeout: the write that held the connection went through.
  expect(statusOf(stuckAnswer)).toBe(200);
  expect(statusOf(after)).toBe(200);
});

test("a clock that jumps back an hour, twice, neither reorders nor refuses the log", async () => {
  const accounts = Array.from({ length: STREAMS }, (_, k) => `to-clock-${k}`);
  for (const accountId of accounts) await open(app.baseUrl, accountId);
  const refused: string[] = [];
  let sent = 0;
  let writing = true;
  const writer = (baseUrl: string, who: string, w: number) =>
    (async () => {
      for (let n = 0; writing; n++) {
        const accountId = accounts[(w + n) % accounts.length]!;
        const requestId = `to-${who}-${w}-${n}`;
        const body = { accountId, name: `${who} ${w}.${n}` };
        sent++;
        const outcome = await call(baseUrl, commandCall("RenameAccount", body, requestId, token(), HUNG_AFTER_MS));
        if (statusOf(outcome) !== 200) refused.push(`${who}: ${JSON.stringify(outcome).slice(0, 300)}`);
      }
    })();
  const writers = Array.from({ length: WRITERS_PER_APP }, (_, w) => [
    writer(app.baseUrl, "true", w),
    writer(skewed.baseUrl, "skewed", w),
  ]).flat();
  await sleep(PHASE_MS);
  fs.writeFileSync(clockFile, String(-HOUR));
  await sleep(PHASE_MS);
  fs.writeFileSync(clockFile, String(-2 * HOUR));
  await sleep(PHASE_MS);
  writing = false;
  await Promise.all(writers);

  // Per stream in version order: recorded_at never goes back; a clamped event has its predecessor's time.
  const [times] = await fresh.db.prisma.$queryRaw<{ backwards: bigint; clamped: bigint; skewed: bigint }[]>`
    SELECT count(*) FILTER (WHERE recorded_at < previous) AS backwards,
      count(*) FILTER (WHERE recorded_at = previous) AS clamped,
      count(*) FILTER (WHERE request_id LIKE 'to-skewed-%') AS skewed
    FROM (SELECT recorded_at, metadata->>'requestId' AS request_id,
            lag(recorded_at) OVER (PARTITION BY stream_id ORDER BY stream_version) AS previous
          FROM events WHERE stream_id LIKE 'account-to-clock-%') e`;
  const log = await checkLog(fresh.db);

  report("timeouts:clock", {
    jumpsBack: "2 x 1h",
    commands: sent,
    refused: refused.length,
    skewedEvents: Number(times!.skewed),
    clampedEvents: Number(times!.clamped),
    recordedAtBackwards: Number(times!.backwards),
    events: log.events,
    outOfOrder: log.outOfOrder,
    brokenChains: log.brokenChains,
  });
  expect(refused.slice(0, 5)).toEqual([]);
  // The jumps happened and reached the clamp (not vacuous): some events carry their predecessor's time.
  expect(Number(times!.clamped)).toBeGreaterThan(0);
  expect(Number(times!.backwards)).toBe(0);
  expect(log).toMatchObject({ versionGaps: 0, missedByReadAll: 0, outOfOrder: 0, brokenChains: 0 });
});
