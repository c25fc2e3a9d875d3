/**
 * 32 writers on 10 streams through the HTTP API with If-Match, while a reader
 * tails the global log: every acknowledged command is exactly one event,
 * nothing else is written, every conflict is a 409, versions are gap-free, and
 * the tailing reader sees every event once, in order.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createRuntime } from "@/lib/server/runtime";
import { command, expectStatus } from "./harness/http";
import { checkLog, streamOrderViolations } from "./harness/log-checks";
import { type App, startApp } from "./harness/processes";
import { type Fresh, freshDatabase, report, sized } from "./harness/suite";

const WRITERS = 32;
const STREAMS = 10;
const SECONDS = sized(8, 30);
const TAILERS = 4;

let fresh: Fresh;
let app: App;

beforeAll(async () => {
  fresh = await freshDatabase("writers");
  app = await startApp(fresh.url);
});
afterAll(async () => {
  await app?.stop();
  await fresh?.close();
});

test(`${WRITERS} writers on ${STREAMS} streams with If-Match lose nothing, duplicate nothing, and conflict with 409s`, async () => {
  const admin = fresh.tokens.admin;
  const known: number[] = [];
  for (let k = 0; k < STREAMS; k++) {
    const opened = expectStatus(
      await command(app.baseUrl, admin, "OpenAccount", {
        accountId: `w${k}`,
        name: `Writer account ${k}`,
        billingEmail: `w${k}@example.test`,
        currency: "USD",
      }),
      200,
      "OpenAccount",
    );
    known.push(opened.body.version as number);
  }

  // Readers tail the log the way projections do, back to back, until the writers stop and they have
  // caught up: a read that skipped an event committing late (a gap) would leave one of them short.
  const runtime = createRuntime(fresh.db);
  let writing = true;
  const tailOnce = async () => {
    const seen: { position: number; streamId: string; version: number }[] = [];
    let after = 0;
    for (;;) {
      const page = await runtime.store.readAll({ after, limit: 500 });
      seen.push(...page.events);
      if (page.events.length > 0) after = page.events.at(-1)!.position;
      else if (!writing && (await runtime.store.readHorizon()).waitingEvents === 0) {
        const last = await runtime.store.readAll({ after, limit: 500 });
        seen.push(...last.events);
        if (last.events.length === 0) return seen;
        after = last.events.at(-1)!.position;
      } else await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const tails = Promise.all(Array.from({ length: TAILERS }, tailOnce));

  const acked: { stream: number; version: number; requestId: string }[] = [];
  const unexpected: string[] = [];
  let conflicts = 0;
  let sent = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let seq = 0; Date.now() < until; seq++) {
        const k = (writer + seq * 7) % STREAMS;
        const requestId = `writer-${writer}-${seq}`;
        sent++;
        const reply = await command(
          app.baseUrl,
          admin,
          "RenameAccount",
          { accountId: `w${k}`, name: `Name ${writer}.${seq}` },
          { "if-match": `"${known[k]}"`, "x-request-id": requestId },
        );
        if (reply.status === 200) {
          const version = reply.body.version as number;
          acked.push({ stream: k, version, requestId });
          known[k] = Math.max(known[k]!, version);
        } else if (reply.status === 409 && reply.body.error === "VERSION_CONFLICT") {
          conflicts++;
          known[k] = Math.max(known[k]!, reply.body.currentVersion as number);
        } else unexpected.push(`${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }),
  );
  writing = false;
  const tailedAll = await tails;
  const tailed = tailedAll[0]!;
  const shortest = Math.min(...tailedAll.map((t) => new Set(t.map((e) => e.position)).size));

  const rows = await fresh.db.prisma.$queryRaw<{ stream_id: string; version: number; request_id: string }[]>`
    SELECT stream_id, stream_version AS version, metadata->>'requestId' AS request_id
    FROM events WHERE event_type = 'AccountRenamed'`;
  const byRequest = new Map<string, number>();
  for (const r of rows) byRequest.set(r.request_id, (byRequest.get(r.request_id) ?? 0) + 1);
  const lost = acked.filter((a) => !rows.some((r) => r.request_id === a.requestId && r.version === a.version)).length;
  const duplicated = [...byRequest.values()].filter((n) => n > 1).length;
  const unacknowledged = rows.filter((r) => !acked.some((a) => a.requestId === r.request_id)).length;
  const log = await checkLog(fresh.db);
  const allPositions = (await fresh.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n;
  const tailedOnce = tailedAll.every((t) => new Set(t.map((e) => e.position)).size === t.length);

  report("writers", {
    writers: WRITERS,
    streams: STREAMS,
    seconds: SECONDS,
    requests: sent,
    acknowledged: acked.length,
    conflicts409: conflicts,
    otherAnswers: unexpected.length,
    eventsChecked: log.events,
    lost,
    duplicated,
    writtenWithoutAck: unacknowledged,
    versionGaps: log.versionGaps,
    tailers: TAILERS,
    fewestEventsATailerSaw: shortest,
    tailedOutOfStreamOrder: Math.max(...tailedAll.map(streamOrderViolations)),
    // Informational: commits in a different order than positions were drawn (decision 0001).
    tailedBelowAnEarlierPosition: tailed.filter((e, i) => i > 0 && e.position < tailed[i - 1]!.position).length,
  });
  expect(unexpected.slice(0, 5)).toEqual([]);
  expect(acked.length).toBeGreaterThan(WRITERS);
  expect(conflicts).toBeGreaterThan(0);
  expect({ lost, duplicated, unacknowledged }).toEqual({ lost: 0, duplicated: 0, unacknowledged: 0 });
  expect(log).toMatchObject({ versionGaps: 0, missedByReadAll: 0, outOfOrder: 0, brokenChains: 0 });
  expect(tailedOnce).toBe(true);
  expect(tailedAll.map(streamOrderViolations)).toEqual(tailedAll.map(() => 0));
  expect(shortest).toBe(Number(allPositions));
});
