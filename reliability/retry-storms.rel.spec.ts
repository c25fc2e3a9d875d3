/**
 * Retry storms: every command sent three times at once with one
 * Idempotency-Key, and every billing webhook delivery three times at once.
 * Each lands exactly once (one request's events carry the key), all three
 * answers are the same status and body, the two repeats say
 * `Idempotent-Replayed: true`, and both repeats are on record in
 * request_replays (the timeline's "sent 3 times, applied once").
 */
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { command, expectStatus, type Reply } from "./harness/http";
import { type App, startApp } from "./harness/processes";
import { type Fresh, freshDatabase, report, sized } from "./harness/suite";
import { deliver, WEBHOOK_SECRET } from "./harness/webhooks";

const COMMANDS = sized(20, 300);
const DELIVERIES = sized(10, 100);
const AT_ONCE = 3;
// Storms in flight together (each is AT_ONCE requests), so storms on different streams overlap too.
const PARALLEL = 4;
const KINDS = ["OpenAccount", "PurchasePlan", "RecordPayment", "ChangeSeats", "CaptureLead"] as const;
type Kind = (typeof KINDS)[number];

let fresh: Fresh;
let app: App;

beforeAll(async () => {
  fresh = await freshDatabase("retry_storms");
  app = await startApp(fresh.url, { env: { WEBHOOK_SECRET } });
});
afterAll(async () => {
  await app?.stop();
  await fresh?.close();
});

/** Runs fn over items, `parallel` at a time, in order of start. */
async function pooled<T, R>(items: T[], parallel: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!, i);
    }),
  );
  return results;
}

const admin = () => fresh.tokens.admin;

async function openAccount(accountId: string) {
  const data = { accountId, name: `Storm ${accountId}`, billingEmail: `${accountId}@example.test`, currency: "USD" };
  expectStatus(await command(app.baseUrl, admin(), "OpenAccount", data), 200, `OpenAccount ${accountId}`);
}

/** An account with a monthly starter subscription; its first invoice's id (2900 to pay). */
async function subscribedAccount(accountId: string): Promise<string> {
  await openAccount(accountId);
  const data = { accountId, plan: "starter", interval: "monthly", seats: 1 };
  expectStatus(await command(app.baseUrl, admin(), "PurchasePlan", data), 200, `PurchasePlan ${accountId}`);
  const sub = await fetchJson(`/api/streams/subscription-${accountId}`);
  return (sub.state as { periodInvoice: { invoiceId: string } }).periodInvoice.invoiceId;
}

async function fetchJson(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${admin()}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** What a storm needs to be valid: the command's data, on a target of its own. */
async function prepare(
  kind: Kind,
  i: number,
): Promise<{ type: Kind; data: Record<string, unknown>; invoiceId?: string }> {
  switch (kind) {
    case "OpenAccount":
      // No accountId: each racer makes its own, so only the key can keep them to one account.
      return { type: kind, data: { name: `Storm ${i}`, billingEmail: `storm${i}@example.test`, currency: "USD" } };
    case "PurchasePlan":
      await openAccount(`buy${i}`);
      return { type: kind, data: { accountId: `buy${i}`, plan: "pro", interval: "monthly", seats: 2 } };
    case "RecordPayment": {
      const invoiceId = await subscribedAccount(`pay${i}`);
      return { type: kind, data: { invoiceId, amount: 700, method: "bank_transfer" }, invoiceId };
    }
    case "ChangeSeats":
      await subscribedAccount(`seats${i}`);
      return { type: kind, data: { accountId: `seats${i}`, seats: 5 } };
    case "CaptureLead":
      return {
        type: kind,
        data: { name: `Lead ${i}`, email: `lead${i}@example.test`, company: `Company ${i}`, source: "website" },
      };
  }
}

interface Storm {
  key: string;
  /** The key as the store scopes it (caller:key), as in idempotency_keys and request_replays. */
  scopedKey: string;
  replies: Reply[];
  requestIds: string[];
}

/** AT_ONCE identical requests at the same moment; their answers in the order sent. */
async function storm(key: string, scopedKey: string, send: (requestId: string) => Promise<Reply>): Promise<Storm> {
  const requestIds = Array.from({ length: AT_ONCE }, (_, r) => `${key}-try${r}`);
  const replies = await Promise.all(requestIds.map(send));
  return { key, scopedKey, replies, requestIds };
}

interface Verdict {
  answersDiffer: string[];
  wrongReplayHeaders: string[];
  effects: number;
  missing: string[];
  duplicated: string[];
  replaysRecorded: number;
  replaysMissing: string[];
}

/** What the log and request_replays say about the storms, key by key. */
async function judge(storms: Storm[], replaySource: string): Promise<Verdict> {
  const verdict: Verdict = {
    answersDiffer: [],
    wrongReplayHeaders: [],
    effects: 0,
    missing: [],
    duplicated: [],
    replaysRecorded: 0,
    replaysMissing: [],
  };
  const written = await fresh.db.prisma.$queryRaw<{ key: string; request_id: string; events: bigint }[]>`
    SELECT metadata->>'idempotencyKey' AS key, metadata->>'requestId' AS request_id, count(*) AS events
    FROM events WHERE metadata->>'idempotencyKey' = ANY(${storms.map((s) => s.key)}::text[]) GROUP BY 1, 2`;
  const replays = await fresh.db.prisma.$queryRaw<{ key: string; request_id: string; source: string }[]>`
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
    if (
      writers.length > 1 ||
      (writers[0] && (writers[0].request_id !== applied[0] || Number(writers[0].events) !== expectedEvents))
    ) {
      verdict.duplicated.push(
        `${s.key}: ${JSON.stringify(writers, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`,
      );
    }
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

test(`${COMMANDS} commands, each sent ${AT_ONCE} times at once with one Idempotency-Key, apply once`, async () => {
  const plans = await pooled(
    Array.from({ length: COMMANDS }, (_, i) => KINDS[i % KINDS.length]!),
    PARALLEL,
    (kind, i) => prepare(kind, i),
  );
  const storms = await pooled(plans, PARALLEL, ({ type, data }, i) =>
    storm(`storm-${i}`, `user:rel-admin:storm-${i}`, (requestId) =>
      command(app.baseUrl, admin(), type, data, { "idempotency-key": `storm-${i}`, "x-request-id": requestId }),
    ),
  );
  const verdict = await judge(storms, "api");
  const notOk = storms
    .filter((s) => s.replies.some((r) => r.status !== 200))
    .map((s) => `${s.key}: ${s.replies[0]!.status} ${JSON.stringify(s.replies[0]!.body)}`);

  // The purchases' invoices (the billing policy's follow-ups) were issued once, and each payment counted once.
  const followUps = await fresh.db.prisma.$queryRaw<{ cause: string; type: string; n: bigint }[]>`
    SELECT f.metadata->>'causationId' AS cause, f.event_type AS type, count(*) AS n
    FROM events e JOIN events f ON f.metadata->>'causationId' = e.event_id::text
    WHERE e.metadata->>'idempotencyKey' LIKE 'storm-%' GROUP BY 1, 2`;
  const followUpsDuplicated = followUps.filter((f) => f.n > 1n).length;
  const invoicesPaidTwice: string[] = [];
  for (const plan of plans.filter((p) => p.invoiceId)) {
    const paid = ((await fetchJson(`/api/streams/invoice-${plan.invoiceId}`)).state as { paid: number }).paid;
    if (paid !== plan.data.amount) invoicesPaidTwice.push(`${plan.invoiceId}: paid ${paid}`);
  }

  report("retry-storms:commands", {
    commands: COMMANDS,
    requests: storms.length * AT_ONCE,
    distinctKeys: new Set(storms.map((s) => s.key)).size,
    effects: verdict.effects,
    duplicated: verdict.duplicated.length,
    answersDiffer: verdict.answersDiffer.length,
    replayedHeaders: storms.flatMap((s) => s.replies).filter((r) => r.headers.get("idempotent-replayed") === "true")
      .length,
    replaysRecorded: verdict.replaysRecorded,
    followUps: followUps.length,
    followUpsDuplicated,
  });
  expect(notOk.slice(0, 5)).toEqual([]);
  expect(verdict.answersDiffer.slice(0, 5)).toEqual([]);
  expect(verdict.wrongReplayHeaders.slice(0, 5)).toEqual([]);
  expect({ missing: verdict.missing.slice(0, 5), duplicated: verdict.duplicated.slice(0, 5) }).toEqual({
    missing: [],
    duplicated: [],
  });
  expect(verdict.effects).toBe(COMMANDS);
  expect(verdict.replaysMissing.slice(0, 5)).toEqual([]);
  expect(verdict.replaysRecorded).toBe(COMMANDS * (AT_ONCE - 1));
  expect(followUps.length).toBeGreaterThan(0);
  expect(followUpsDuplicated).toBe(0);
  expect(invoicesPaidTwice).toEqual([]);
});

test(`${DELIVERIES} billing webhook deliveries, each delivered ${AT_ONCE} times at once, land once`, async () => {
  const invoices = await pooled(
    Array.from({ length: DELIVERIES }, (_, j) => `hook${j}`),
    PARALLEL,
    (accountId) => subscribedAccount(accountId),
  );
  const storms = await pooled(invoices, PARALLEL, (invoiceId, j) => {
    const rawBody = JSON.stringify({
      id: `evt_storm_${j}`,
      type: "payment.succeeded",
      created: Math.floor(Date.now() / 1000),
      data: { invoiceId, amount: 300, currency: "USD", providerRef: `ch_storm_${j}` },
    });
    // The delivery id is the key (docs/api.md); the webhook's own system caller scopes it.
    return storm(`delivery:evt_storm_${j}`, `system:billing-webhook:delivery:evt_storm_${j}`, (requestId) =>
      deliver(app.baseUrl, rawBody, { "x-request-id": requestId }),
    );
  });
  const verdict = await judge(storms, "webhook");
  const notOk = storms
    .filter((s) => s.replies.some((r) => r.status !== 200))
    .map((s) => `${s.key}: ${s.replies[0]!.status} ${JSON.stringify(s.replies[0]!.body)}`);
  const paidOtherThanOnce: string[] = [];
  for (const invoiceId of invoices) {
    const paid = ((await fetchJson(`/api/streams/invoice-${invoiceId}`)).state as { paid: number }).paid;
    if (paid !== 300) paidOtherThanOnce.push(`${invoiceId}: paid ${paid}`);
  }

  report("retry-storms:webhooks", {
    deliveries: DELIVERIES,
    requests: storms.length * AT_ONCE,
    distinctKeys: new Set(storms.map((s) => s.key)).size,
    effects: verdict.effects,
    duplicated: verdict.duplicated.length,
    answersDiffer: verdict.answersDiffer.length,
    replaysRecorded: verdict.replaysRecorded,
    paidOtherThanOnce: paidOtherThanOnce.length,
  });
  expect(notOk.slice(0, 5)).toEqual([]);
  expect(verdict.answersDiffer.slice(0, 5)).toEqual([]);
  expect(verdict.wrongReplayHeaders.slice(0, 5)).toEqual([]);
  expect({ missing: verdict.missing.slice(0, 5), duplicated: verdict.duplicated.slice(0, 5) }).toEqual({
    missing: [],
    duplicated: [],
  });
  expect(verdict.effects).toBe(DELIVERIES);
  expect(verdict.replaysMissing.slice(0, 5)).toEqual([]);
  expect(verdict.replaysRecorded).toBe(DELIVERIES * (AT_ONCE - 1));
  expect(paidOtherThanOnce).toEqual([]);
});
