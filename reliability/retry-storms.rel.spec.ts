/**
 * Retry storms: every command sent three times at once with one
 * Idempotency-Key, and every billing webhook delivery three times at once.
 * Each lands exactly once (one request's events carry the key), all three
 * answers are the same status and body, the two repeats say
 * `Idempotent-Replayed: true`, and both repeats are on record in
 * request_replays (the timeline's "sent 3 times, applied once").
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { command, expectStatus } from "./harness/http";
import { type App, startApp } from "./harness/processes";
import { judge, notAllOk, pooled, storm, type Verdict } from "./harness/storms";
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

test(`${COMMANDS} commands, each sent ${AT_ONCE} times at once with one Idempotency-Key, apply once`, async () => {
  const plans = await pooled(
    Array.from({ length: COMMANDS }, (_, i) => KINDS[i % KINDS.length]!),
    PARALLEL,
    (kind, i) => prepare(kind, i),
  );
  const storms = await pooled(plans, PARALLEL, ({ type, data }, i) =>
    storm(`storm-${i}`, `user:rel-admin:storm-${i}`, AT_ONCE, (requestId) =>
      command(app.baseUrl, admin(), type, data, { "idempotency-key": `storm-${i}`, "x-request-id": requestId }),
    ),
  );
  const verdict = await judge(fresh.db, storms, "api");
  const notOk = notAllOk(storms);

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
    writerNotApplied: verdict.writerNotApplied.length,
    answersDiffer: verdict.answersDiffer.length,
    replayedHeaders: storms.flatMap((s) => s.replies).filter((r) => r.headers.get("idempotent-replayed") === "true")
      .length,
    replaysRecorded: verdict.replaysRecorded,
    followUps: followUps.length,
    followUpsDuplicated,
  });
  expectOnceEach(verdict, notOk, COMMANDS);
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
    return storm(`delivery:evt_storm_${j}`, `system:billing-webhook:delivery:evt_storm_${j}`, AT_ONCE, (requestId) =>
      deliver(app.baseUrl, rawBody, { "x-request-id": requestId }),
    );
  });
  const verdict = await judge(fresh.db, storms, "webhook");
  const notOk = notAllOk(storms);
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
    writerNotApplied: verdict.writerNotApplied.length,
    answersDiffer: verdict.answersDiffer.length,
    replaysRecorded: verdict.replaysRecorded,
    paidOtherThanOnce: paidOtherThanOnce.length,
  });
  expectOnceEach(verdict, notOk, DELIVERIES);
  expect(paidOtherThanOnce).toEqual([]);
});

/** The guarantee first: one effect per key; then that every answer was the first one's, and the repeats recorded. */
function expectOnceEach(verdict: Verdict, notOk: string[], keys: number) {
  expect({
    missing: verdict.missing.slice(0, 5),
    duplicated: verdict.duplicated.slice(0, 5),
    writerNotApplied: verdict.writerNotApplied.slice(0, 5),
  }).toEqual({ missing: [], duplicated: [], writerNotApplied: [] });
  expect(notOk.slice(0, 5)).toEqual([]);
  expect(verdict.answersDiffer.slice(0, 5)).toEqual([]);
  expect(verdict.wrongReplayHeaders.slice(0, 5)).toEqual([]);
  expect(verdict.effects).toBe(keys);
  expect(verdict.replaysMissing.slice(0, 5)).toEqual([]);
  expect(verdict.replaysRecorded).toBe(keys * (AT_ONCE - 1));
}
