import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, "../../scripts/verify-evidence.mjs");
const accountId = "proof";
const T0 = Date.parse("2026-03-02T10:00:00.000Z");
const day = (n: number) => new Date(T0 + n * 86_400_000);

type Event = {
  position: number;
  inPeriod: boolean;
  eventId: string;
  streamVersion: number;
  eventType: string;
} & Record<string, unknown>;
type Stream = { streamId: string; streamType: string; head: { version: number }; events: Event[] };
type Bundle = { streams: Stream[]; personalData: Record<string, string | null> } & Record<string, unknown>;

let api: ApiHarness;
let clock = day(0);
let dir: string;
let whole: Bundle;
const positions: Record<string, number> = {};

async function command(name: string, type: string, body: Record<string, unknown>, when: Date) {
  clock = when;
  const res = await api.command(type, { body });
  expect(res.status, res.text).toBe(200);
  positions[name] = res.body.position;
}

/** Runs the verifier on a bundle as a stranger would: plain node on a file. */
async function verify(bundle: unknown): Promise<{ code: number; out: string }> {
  const file = path.join(dir, `bundle-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(bundle, null, 1));
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, file]);
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

const streamOf = (bundle: Bundle, prefix: string) => bundle.streams.find((s) => s.streamId.startsWith(prefix))!;

beforeAll(async () => {
  api = await createApiHarness({ now: () => clock });
  dir = await mkdtemp(path.join(tmpdir(), "evidence-"));
  const id = { accountId };
  await command(
    "open",
    "OpenAccount",
    { ...id, name: "Proof Ltd", billingEmail: "ap@proof.example", currency: "USD" },
    day(0),
  );
  await command("purchase", "PurchasePlan", { ...id, plan: "starter", interval: "monthly", seats: 2 }, day(0));
  const invoiceId = (await api.runtime.store.accountStreamIds(accountId)).find((s) => s.startsWith("invoice-"))!;
  await command("payment", "RecordPayment", { invoiceId: invoiceId.slice(8), amount: 1000, method: "card" }, day(1));
  await command("seats", "ChangeSeats", { ...id, seats: 5 }, day(10));
  await command("upgrade", "UpgradePlan", { ...id, plan: "pro" }, day(20));
  // Recorded last, but true in the business on day 5: it sits after the upgrade in the stream.
  await command("backdated", "ChangeSeats", { ...id, seats: 3 }, day(5));
  await api.runtime.store.erasePersonalData(accountId);
  await command("contact", "ChangeBillingContact", { ...id, billingEmail: "finance@proof.example" }, day(21));
  const res = await api.evidence(accountId, "", { token: TOKENS.finance });
  expect(res.status, res.text).toBe(200);
  whole = res.body;
});
afterAll(async () => {
  await api?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("GET /api/accounts/<id>/evidence", () => {
  test("a JSON attachment with every stream's whole run, stored data and resolved personal data", async () => {
    const res = await api.evidence(accountId);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="evidence-${accountId}-start-end.json"`);
    expect(res.body).toMatchObject({ format: "ledgerline-evidence/1", accountId, period: { from: null, to: null } });
    expect(new Set(whole.streams.map((s) => s.streamType))).toEqual(new Set(["account", "invoice", "subscription"]));
    for (const stream of whole.streams) {
      expect(stream.events.map((e) => e.streamVersion)).toEqual(stream.events.map((_, i) => i + 1));
      expect(stream.head.version).toBe(stream.events.length);
      expect(stream.events.every((e) => e.inPeriod)).toBe(true);
    }
    const [opened, contact] = streamOf(whole, "account-").events;
    const ref = (opened!.data as { billingEmail: { $pd: string } }).billingEmail.$pd;
    expect(ref).toEqual(expect.any(String));
    expect(whole.personalData[ref]).toBeNull(); // erased
    const later = (contact!.data as { billingEmail: { $pd: string } }).billingEmail.$pd;
    expect(whole.personalData[later]).toBe("finance@proof.example");
    expect(res.text).not.toContain("ap@proof.example");
  });

  test("the verifier passes it and names the first broken link of each kind of tampering", async () => {
    const ok = await verify(whole);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/^account-proof: versions 1–2, 2 events, chain intact \(reaches the stream's head\)$/m);
    expect(ok.out).toMatch(/^Verdict: intact\./m);

    const payment = streamOf(whole, "invoice-").events.find((e) => e.eventType === "PaymentRecorded")!;
    const altered = structuredClone(whole);
    const target = streamOf(altered, "invoice-").events.find((e) => e.eventId === payment.eventId)!;
    (target.data as { amount: number }).amount = 100_000;
    const a = await verify(altered);
    expect(a.code).toBe(1);
    expect(a.out).toContain(
      `First broken link: stream ${target.streamId}, version ${payment.streamVersion}, position ${payment.position}, event ${payment.eventId}: its content does not match its hash`,
    );

    const removed = structuredClone(whole);
    const subscription = streamOf(removed, "subscription-");
    const gone = subscription.events.splice(2, 1)[0]!;
    const after = subscription.events[2]!;
    const r = await verify(removed);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `First broken link: stream ${subscription.streamId}, version ${after.streamVersion}, position ${after.position}, event ${after.eventId}: version ${gone.streamVersion} is missing`,
    );

    const relinked = structuredClone(whole);
    const second = streamOf(relinked, "subscription-").events[1]!;
    second.prevHash = "0".repeat(64);
    const p = await verify(relinked);
    expect(p.code).toBe(1);
    expect(p.out).toContain(`version 2, position ${second.position}, event ${second.eventId}:`);
    expect(p.out).toMatch(/its prevHash 0{64} is not the hash of version 1/);
  });

  test("a period marks its events and keeps each stream's run contiguous", async () => {
    const from = day(3).toISOString();
    const to = day(15).toISOString();
    const res = await api.evidence(accountId, `from=${from}&to=${to}`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="evidence-${accountId}-2026-03-05T100000Z-2026-03-17T100000Z.json"`,
    );
    const inPeriod = (e: Event) => (e.occurredAt as string) >= from && (e.occurredAt as string) < to;
    const expected = whole.streams.flatMap((s) => s.events.filter(inPeriod).map((e) => e.position));
    const bundle: Bundle = res.body;
    const marked = bundle.streams.flatMap((s) => s.events.filter((e) => e.inPeriod).map((e) => e.position));
    expect(marked.sort()).toEqual(expected.sort());
    const subscription = streamOf(bundle, "subscription-");
    // Day 10's change, the day-20 upgrade between (outside the period), and the change backdated to day 5.
    expect(subscription.events.map((e) => [e.eventType, e.inPeriod])).toEqual([
      ["SeatsChanged", true],
      ["ProrationApplied", true],
      ["PlanUpgraded", false],
      ["ProrationApplied", false],
      ["SeatsChanged", true],
      ["ProrationApplied", true],
    ]);
    expect(subscription.events.map((e) => e.position)).toContain(positions.upgrade);
    for (const stream of bundle.streams) {
      const versions = stream.events.map((e) => e.streamVersion);
      expect(versions).toEqual(versions.map((_, i) => versions[0]! + i));
      expect(stream.events[0]!.inPeriod && stream.events.at(-1)!.inPeriod).toBe(true);
    }
    const checked = await verify(bundle);
    expect(checked.code, checked.out).toBe(0);
    expect(checked.out).toMatch(/its link to version 1 is outside the bundle/);
  });

  test("positions select inclusively", async () => {
    const res = await api.evidence(accountId, `from=${positions.seats}&to=${positions.upgrade}`);
    const bundle: Bundle = res.body;
    const marked = bundle.streams.flatMap((s) => s.events.filter((e) => e.inPeriod).map((e) => e.position));
    expect(Math.min(...marked)).toBe(positions.seats);
    expect(Math.max(...marked)).toBe(positions.upgrade);
    expect(res.headers.get("content-disposition")).toContain(`-${positions.seats}-${positions.upgrade}.json"`);
  });

  test("finance and admin only; 401, 404 and 400 as for every endpoint", async () => {
    expect((await api.evidence(accountId, "", { token: TOKENS.support })).status).toBe(403);
    expect((await api.evidence(accountId, "", { token: TOKENS.service })).status).toBe(403);
    expect((await api.evidence(accountId, "", { token: null })).status).toBe(401);
    expect((await api.evidence("nobody")).status).toBe(404);
    for (const query of ["from=yesterday", "to=", "axis=recorded", "from=9&to=3", "from=2026-03-05&to=2026-03-01"]) {
      const res = await api.evidence(accountId, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe("INVALID_INPUT");
    }
  });
});
