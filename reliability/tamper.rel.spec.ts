/**
 * Tampering behind the app's back: a superuser switches off the events
 * table's immutability trigger, lowers a payment in the middle of an invoice's
 * stream and switches the trigger back on. The application cannot stop that;
 * the hash chain must find it: the verification (HTTP, as an admin starts it
 * and finance follows it, and the store's own verifyStream) names the first
 * broken link — stream, version, position, event id — where before the
 * tampering it found nothing.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createRuntime } from "@/lib/server/runtime";
import { command, expectStatus } from "./harness/http";
import { verifyChains } from "./harness/integrity";
import { checkLog } from "./harness/log-checks";
import { type App, startApp } from "./harness/processes";
import { cluster, type Fresh, freshDatabase, report, sized } from "./harness/suite";

const ACCOUNTS = sized(5, 40);
const PAYMENTS = 5;
// The payment (stream version) altered: the invoice's issue is version 1, its payments 2..PAYMENTS+1.
const TAMPERED_VERSION = 4;

let fresh: Fresh;
let app: App;

beforeAll(async () => {
  fresh = await freshDatabase("tamper");
  app = await startApp(fresh.url);
});
afterAll(async () => {
  await app?.stop();
  await fresh?.close();
});

const admin = () => fresh.tokens.admin;

async function ok(type: string, data: Record<string, unknown>) {
  return expectStatus(await command(app.baseUrl, admin(), type, data), 200, type);
}

async function invoiceState(invoiceId: string): Promise<{ paid: number }> {
  const response = await fetch(`${app.baseUrl}/api/streams/invoice-${invoiceId}`, {
    headers: { authorization: `Bearer ${fresh.tokens.finance}` },
  });
  return ((await response.json()) as { state: { paid: number } }).state;
}

/** Runs SQL as the cluster's superuser, outside the app, in one transaction. */
const asSuperuser = (sql: string) => cluster().query(`BEGIN; ${sql}; COMMIT;`, [], fresh.name);

test("an event altered behind the database's back is found, and named by its first broken link", async () => {
  // Some history through the API: accounts on plans, one invoice paid in instalments.
  let invoiceId = "";
  for (let k = 0; k < ACCOUNTS; k++) {
    await ok("OpenAccount", {
      accountId: `t${k}`,
      name: `Tamper ${k}`,
      billingEmail: `t${k}@example.test`,
      currency: "USD",
    });
    await ok("PurchasePlan", { accountId: `t${k}`, plan: "pro", interval: "monthly", seats: 2 });
    await ok("RenameAccount", { accountId: `t${k}`, name: `Tamper ${k} Ltd` });
  }
  const sub = await fetch(`${app.baseUrl}/api/streams/subscription-t0`, {
    headers: { authorization: `Bearer ${admin()}` },
  });
  invoiceId = ((await sub.json()) as { state: { periodInvoice: { invoiceId: string } } }).state.periodInvoice.invoiceId;
  for (let p = 0; p < PAYMENTS; p++) await ok("RecordPayment", { invoiceId, amount: 1000, method: "bank_transfer" });
  const streamId = `invoice-${invoiceId}`;
  const tokens = { adminToken: admin(), readToken: fresh.tokens.finance };

  // Untouched, every chain verifies: the check can tell the two apart.
  const clean = await verifyChains(app.baseUrl, { ...tokens, scope: "all", reason: "reliability: before tampering" });
  expect(clean).toMatchObject({ status: "done", problemCount: 0 });
  expect(clean.eventsChecked).toBeGreaterThan(ACCOUNTS * 3);

  const [target] = await cluster().query<{ position: string; event_id: string; amount: number }>(
    `SELECT global_position::text AS position, event_id::text, (data->>'amount')::int AS amount
     FROM events WHERE stream_id = $1 AND stream_version = $2`,
    [streamId, TAMPERED_VERSION],
    fresh.name,
  );
  expect(target).toMatchObject({ amount: 1000 });

  // The trigger refuses the change as long as it is on.
  await expect(
    cluster().query(
      `UPDATE events SET data = data || '{"amount": 10}' WHERE global_position = ${target!.position}`,
      [],
      fresh.name,
    ),
  ).rejects.toThrow(/events are immutable/);

  const paidBefore = (await invoiceState(invoiceId)).paid;
  await asSuperuser(
    `ALTER TABLE events DISABLE TRIGGER events_immutable_rows;
     UPDATE events SET data = data || '{"amount": 10}' WHERE global_position = ${target!.position};
     ALTER TABLE events ENABLE TRIGGER events_immutable_rows`,
  );
  // The app now believes the altered history (the fold reads what is stored)...
  const paidAfter = (await invoiceState(invoiceId)).paid;
  expect(paidAfter).toBe(paidBefore - 990);

  // ...but the chain does not: the whole-log verification over HTTP names the altered event.
  const all = await verifyChains(app.baseUrl, { ...tokens, scope: "all", reason: "reliability: after tampering" });
  const one = await verifyChains(app.baseUrl, {
    ...tokens,
    scope: streamId,
    reason: "reliability: the tampered stream",
  });
  const named = {
    kind: "hash_mismatch",
    streamId,
    version: TAMPERED_VERSION,
    position: Number(target!.position),
    eventId: target!.event_id,
  };
  expect(all).toMatchObject({ status: "done", problemCount: 1 });
  expect(all.problems[0]).toMatchObject(named);
  expect(one.problems[0]).toMatchObject(named);

  // The store's own verification (in this process) agrees, and the outcome is on record as ChainVerified.
  const direct = await createRuntime(fresh.db).store.verifyStream(streamId);
  expect(direct.ok).toBe(false);
  expect(direct.problems[0]).toMatchObject(named);
  const [recorded] = await cluster().query<{ first: { streamId: string; version: number } }>(
    `SELECT data->'firstProblem' AS first FROM events WHERE event_type = 'ChainVerified' AND global_position = $1`,
    [all.recordedPosition],
    fresh.name,
  );
  expect(recorded?.first).toMatchObject({ streamId, version: TAMPERED_VERSION });
  const log = await checkLog(fresh.db);

  report("tamper", {
    events: log.events,
    streams: log.streams,
    problemsBefore: clean.problemCount,
    tampered: `${streamId}@v${TAMPERED_VERSION}`,
    paidBefore,
    paidAfter,
    problemsAfter: all.problemCount,
    firstBrokenLink: `${all.problems[0]?.kind} ${all.problems[0]?.streamId} v${all.problems[0]?.version} position ${all.problems[0]?.position}`,
    brokenChainsInLogCheck: log.brokenChains,
  });
  expect(log.brokenChains).toBe(1);
});
