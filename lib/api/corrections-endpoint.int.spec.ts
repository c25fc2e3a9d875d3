import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { projections } from "@/lib/projections/registry";
import { waitForProjection } from "@/lib/projections/read-after-write";
import { ProjectionRunner } from "@/lib/projections/runner";
import { search } from "@/lib/queries/search";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";

// Erasure and supersession through POST /api/commands/<type>: admins only, refusals write nothing.
let api: ApiHarness;
let runner: ProjectionRunner;
let accountId: string;
let leadId: string;
// (The company name is a business fact, not personal data: it stays, as decision 2 says.)
const PERSONAL = ["Art Vandelay", "art@vandelay.example", "ap@vandelay.example"];

const eventCount = async () =>
  Number((await api.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n);
const projected = async (position: number) => {
  for (const p of projections.filter((p) => !p.reactor)) {
    expect(await waitForProjection(api.db.prisma, p.name, position, { timeoutMs: 15_000 }), p.name).toBe(true);
  }
};
/** How many read-model rows mention the text anywhere. */
async function mentions(text: string): Promise<number> {
  let found = 0;
  for (const table of projections.flatMap((p) => p.tables)) {
    const [row] = await api.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table}" t WHERE strpos(row_to_json(t)::text, $1) > 0`,
      text,
    );
    found += Number(row?.n ?? 0);
  }
  return found;
}
const ok = async (type: string, body: Record<string, unknown>) => {
  const res = await api.command(type, { body });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

beforeAll(async () => {
  api = await createApiHarness();
  runner = new ProjectionRunner(api.runtime, projections, { pollMs: 50, leaseRetryMs: 100, log: () => undefined });
  await runner.start();
  const lead = await ok("CaptureLead", {
    name: "Art Vandelay",
    email: "art@vandelay.example",
    company: "Vandelay Industries",
    source: "referral",
  });
  leadId = lead.streamId.slice("lead-".length);
  await ok("AssignLead", { leadId, ownerId: "sam" });
  await ok("ContactLead", { leadId, channel: "email" });
  await ok("QualifyLead", { leadId });
  const converted = await ok("ConvertLead", { leadId });
  accountId = converted.accountId;
  await ok("ChangeBillingContact", { accountId, billingEmail: "ap@vandelay.example" });
  await ok("PurchasePlan", { accountId, plan: "pro", interval: "monthly", seats: 2 });
});
afterAll(async () => {
  await runner?.stop();
  await api?.drop();
});

describe("ErasePersonalData", () => {
  test("is refused for an open account, in the domain's words, writing nothing", async () => {
    const before = await eventCount();
    const res = await api.command("ErasePersonalData", { body: { accountId, reason: "GDPR request #7" } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: "ACCOUNT_NOT_CLOSED" });
    expect(res.body.message).toMatch(/is open; personal data is erased only from a closed account/);
    expect(await eventCount()).toBe(before);
  });

  test("is for admins only: support, finance and service are refused and nothing is written", async () => {
    await ok("CloseAccount", { accountId, reason: "Customer left" });
    const before = await eventCount();
    for (const token of [TOKENS.support, TOKENS.finance, TOKENS.service]) {
      const res = await api.command("ErasePersonalData", { token, body: { accountId, reason: "GDPR request #7" } });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/cannot issue corrective commands/);
    }
    expect(await eventCount()).toBe(before);
  });

  test("makes the account's and its lead's names and emails unreadable everywhere; the chain still verifies", async () => {
    const erased = await ok("ErasePersonalData", { accountId, reason: "GDPR request #7" });
    expect(erased.events.map((e: { type: string }) => e.type)).toEqual(["PersonalDataErased"]);
    await projected(erased.position);
    // Events as read.
    for (const streamId of [`account-${accountId}`, `lead-${leadId}`]) {
      const events = await api.runtime.store.readStream(streamId);
      for (const text of PERSONAL) expect(JSON.stringify(events), `${streamId}: ${text}`).not.toContain(text);
    }
    const account = await api.stream(`account-${accountId}`);
    expect(account.body.state).toMatchObject({ name: "[erased]", billingEmail: "[erased]", status: "closed" });
    // Read models, exports, evidence bundles, search.
    const csv = await api.export(accountId, "format=csv");
    const evidence = await api.evidence(accountId);
    expect(csv.status).toBe(200);
    expect(evidence.status).toBe(200);
    const deps = { db: api.db, store: api.runtime.store };
    for (const text of PERSONAL) {
      expect(await mentions(text), text).toBe(0);
      expect(csv.text, text).not.toContain(text);
      expect(evidence.text, text).not.toContain(text);
      const found = await search(deps, text);
      expect(
        "kind" in found && found.kind === "results" ? found.accounts.items.length + found.leads.items.length : 0,
      ).toBe(0);
    }
    expect(csv.text).toContain("PersonalDataErased");
    // The business facts stay: the plan and its invoice.
    const sub = await api.stream(`subscription-${accountId}`);
    expect(sub.body.state).toMatchObject({ plan: "pro", seats: 2 });
    expect((await api.runtime.store.verifyAll()).ok).toBe(true);
  });

  test("a second erasure is refused: there is nothing left to erase", async () => {
    const res = await api.command("ErasePersonalData", { body: { accountId, reason: "GDPR request #7, again" } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: "PERSONAL_DATA_ALREADY_ERASED" });
  });
});

describe("SupersedeEvent", () => {
  test("is for admins only, needs a reason, and names an existing event", async () => {
    const [seats] = await api.runtime.store.readStream(`subscription-${accountId}`);
    const before = await eventCount();
    for (const token of [TOKENS.support, TOKENS.finance, TOKENS.service]) {
      const res = await api.command("SupersedeEvent", { token, body: { position: seats!.position, reason: "wrong" } });
      expect(res.status).toBe(403);
    }
    expect((await api.command("SupersedeEvent", { body: { position: seats!.position } })).status).toBe(400);
    const missing = await api.command("SupersedeEvent", { body: { position: 987654, reason: "wrong event" } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("There is no event at position 987654.");
    // The subscription's first event created it: not supersedable.
    const first = await api.command("SupersedeEvent", { body: { position: seats!.position, reason: "wrong event" } });
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({ error: "EVENT_NOT_SUPERSEDABLE" });
    expect(await eventCount()).toBe(before);
  });
});
