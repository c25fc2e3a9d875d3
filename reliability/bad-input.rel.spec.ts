/**
 * Bad input against every API route (server actions are another test's):
 * fast-check bodies, headers, path segments and query strings, mostly with a
 * token of a role allowed to call the route. Never a 500; a request refused
 * with a 4xx writes nothing (every table's contents are fingerprinted before
 * and after it); malformed JSON is a 400, a body over 64 KiB a 413, an unknown
 * field a 400 naming it; our errors are `{ error, message }`. The short
 * profile uses a fixed seed (CI is reproducible); every run prints its seed,
 * and RELIABILITY_SEED replays one.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { discoverApiRoutes } from "./harness/api-routes";
import { catalogue } from "./harness/fuzz-catalogue";
import { type FuzzCase, fuzzCase, fuzzRequests, SIGN, UNIQUE_ID } from "./harness/fuzz-requests";
import { makeFixtures, settle } from "./harness/fuzz-fixtures";
import { type RawReply, send } from "./harness/http";
import { checkLog } from "./harness/log-checks";
import { type App, startApp } from "./harness/processes";
import { cluster, type Fresh, freshDatabase, fuzzSeed, profile, report, sized } from "./harness/suite";
import {
  changedTables,
  type Fingerprint,
  fingerprint,
  fingerprintQuery,
  STORED_REJECTIONS,
} from "./harness/write-fingerprint";
import { signature, WEBHOOK_SECRET } from "./harness/webhooks";

const PER_ROUTE = sized(4, 40);
const MIXED = sized(220, 4000);
const SEED = fuzzSeed(20261211);

let fresh: Fresh;
let app: App;
let client: pg.Client;

beforeAll(async () => {
  fresh = await freshDatabase("bad_input");
  app = await startApp(fresh.url, { env: { WEBHOOK_SECRET } });
  client = new pg.Client({ connectionString: fresh.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await app?.stop();
  await fresh?.close();
});

/** Sends a case as generated, with its request id, key and (for the webhook) its signature filled in. */
function sendCase(c: FuzzCase, i: number): Promise<RawReply> {
  const headers = { ...c.headers };
  if (headers["x-request-id"] === UNIQUE_ID) headers["x-request-id"] = `fuzz-${SEED}-${i}`;
  if (headers["idempotency-key"] === UNIQUE_ID) headers["idempotency-key"] = `fuzz-${SEED}-${i}`;
  if (headers["ledgerline-signature"] === SIGN) headers["ledgerline-signature"] = signature(c.body ?? "");
  return send(app.baseUrl, { method: c.method, path: c.path, headers, body: c.body, chunked: c.chunked });
}

const EXPECTED: Partial<Record<FuzzCase["kind"], { status: number; error: string }>> = {
  malformedJson: { status: 400, error: "INVALID_INPUT" },
  oversize: { status: 413, error: "PAYLOAD_TOO_LARGE" },
  unknownField: { status: 400, error: "INVALID_INPUT" },
};

test("bad input on every API route: never a 500, nothing written when refused, 400/413 as documented", async () => {
  const fixtures = await makeFixtures(app.baseUrl, fresh, client);
  const routes = catalogue(fixtures);
  const discovered = discoverApiRoutes().flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`));
  // Every route the app has is in the catalogue (a new one must be added), and nothing else.
  expect(Object.keys(routes).sort()).toEqual([...discovered].sort());

  console.log(`[reliability:${profile()}] bad-input: seed=${SEED} (replay with RELIABILITY_SEED=${SEED})`);
  const cases = [
    ...Object.entries(routes).flatMap(([route, spec], r) =>
      fc.sample(fuzzCase(fixtures, route, spec), { seed: SEED + r, numRuns: PER_ROUTE }),
    ),
    ...fc.sample(fuzzRequests(fixtures), { seed: SEED, numRuns: MIXED }),
  ];

  const query = await fingerprintQuery(cluster(), fresh.name);
  const eventsBefore = (await checkLog(fresh.db)).events;
  const problems: string[] = [];
  const counts = {
    ok2xx: 0,
    refused4xx: 0,
    errors5xx: 0,
    noAnswer: 0,
    partialWrites: 0,
    wrongStatus: 0,
    badErrorShape: 0,
  };
  const targeted = { malformedJson: 0, oversize: 0, unknownField: 0 };
  const perRoute = new Map<string, number>();
  let last: Fingerprint = await fingerprint(client, query);
  let previous = "none";
  for (const [i, c] of cases.entries()) {
    perRoute.set(c.route, (perRoute.get(c.route) ?? 0) + 1);
    if (c.kind !== "random") targeted[c.kind]++;
    const what = () =>
      `#${i} ${c.method} ${c.path} [${c.kind}] ${JSON.stringify(c.headers)} ${JSON.stringify((c.body ?? "").slice(0, 200))}`;
    let reply: RawReply;
    try {
      reply = await sendCase(c, i);
    } catch (error) {
      counts.noAnswer++;
      const cause = (error as Error & { cause?: Error }).cause;
      problems.push(
        `no answer: ${what()}: ${(error as Error).message} (${cause?.message ?? "no cause"}); the request before: ${previous}`,
      );
      previous = `${what()} → no answer`;
      last = await fingerprint(client, query);
      continue;
    }
    const answered = `${what()} → ${reply.status} ${reply.text.slice(0, 300)}`;
    previous = answered;
    if (reply.status >= 500) {
      counts.errors5xx++;
      problems.push(`5xx: ${answered}`);
    }
    const expected = EXPECTED[c.kind];
    const issues = JSON.stringify(reply.body.issues ?? "");
    if (
      expected &&
      (reply.status !== expected.status ||
        reply.body.error !== expected.error ||
        (c.unknownKey !== undefined && !issues.includes(JSON.stringify(c.unknownKey).slice(1, -1))))
    ) {
      counts.wrongStatus++;
      problems.push(`expected ${expected.status} ${expected.error}: ${answered}`);
    }
    // Our handlers' errors (they carry x-request-id) say what went wrong in words.
    if (reply.status >= 400 && reply.headers.has("x-request-id")) {
      if (typeof reply.body.error !== "string" || typeof reply.body.message !== "string") {
        counts.badErrorShape++;
        problems.push(`error without { error, message }: ${answered}`);
      }
    }
    if (reply.status >= 400 && reply.status < 500) {
      counts.refused4xx++;
      const after = await fingerprint(client, query);
      // A refusal stored for its key's repeats (a webhook's key is its delivery id) is by design.
      const keyed =
        (c.headers["idempotency-key"] !== undefined || c.route === "POST /api/webhooks/billing") &&
        [404, 422].includes(reply.status);
      const written = changedTables(last, after).filter((t) => !(t === STORED_REJECTIONS && keyed));
      if (written.length > 0) {
        counts.partialWrites++;
        problems.push(`refused but wrote ${written.join(", ")}: ${answered}`);
      }
      last = after;
    } else {
      if (reply.status < 300) counts.ok2xx++;
      await settle(app.baseUrl, fresh.tokens.admin, client);
      last = await fingerprint(client, query);
    }
  }
  const log = await checkLog(fresh.db);
  const covered = [...perRoute.keys()].length;

  report("bad-input", {
    seed: String(SEED),
    requests: cases.length,
    routes: `${covered}/${discovered.length}`,
    ...counts,
    malformedJson: targeted.malformedJson,
    oversize: targeted.oversize,
    unknownFields: targeted.unknownField,
    eventsWrittenByAccepted: log.events - eventsBefore,
    versionGaps: log.versionGaps,
    brokenChains: log.brokenChains,
  });
  if (problems.length > 0) console.log(`[bad-input] the app's last lines:\n${app.tail(120)}`);
  expect(problems.slice(0, 10)).toEqual([]);
  expect(covered).toBe(discovered.length);
  expect(Object.values(targeted).every((n) => n > 0)).toBe(true);
  expect(counts.refused4xx).toBeGreaterThan(0);
  expect(counts.ok2xx).toBeGreaterThan(0);
  expect(log).toMatchObject({ versionGaps: 0, brokenChains: 0 });
});
