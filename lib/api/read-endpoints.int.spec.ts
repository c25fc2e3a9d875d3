import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";

let api: ApiHarness;
const positions: number[] = [];
const accountId = "reads";

beforeAll(async () => {
  api = await createApiHarness();
  const steps: [string, Record<string, unknown>, string?][] = [
    ["OpenAccount", { accountId, name: "Reads Inc", billingEmail: "ap@reads.example", currency: "USD" }],
    ["PurchasePlan", { accountId, plan: "starter", interval: "monthly", seats: 2 }, TOKENS.service],
    ["ChangeSeats", { accountId, seats: 5 }],
    ["UpgradePlan", { accountId, plan: "pro" }],
  ];
  for (const [type, body, token] of steps) {
    const res = await api.command(type, { body, token });
    expect(res.status, res.text).toBe(200);
    positions.push(res.body.position);
    await new Promise((r) => setTimeout(r, 5));
  }
  await api.project();
});
afterAll(async () => api?.drop());

describe("GET /api/streams/<id>", () => {
  test("now, at a position and at a time (inclusive)", async () => {
    const now = await api.stream(`subscription-${accountId}`);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ streamId: `subscription-${accountId}`, state: { plan: "pro", seats: 5 } });
    expect(now.headers.get("etag")).toBe(`"${now.body.version}"`);

    const afterPurchase = await api.stream(`subscription-${accountId}`, String(positions[1]));
    expect(afterPurchase.body).toMatchObject({ version: 1, state: { plan: "starter", seats: 2 } });

    const timeline = await api.timeline(accountId, "types=SeatsChanged");
    const seatsAt = timeline.body.entries[0].recordedAt;
    const atTime = await api.stream(`subscription-${accountId}`, seatsAt);
    expect(atTime.body.state).toMatchObject({ plan: "starter", seats: 5 });

    const beforeAnything = await api.stream(`subscription-${accountId}`, "2000-01-01T00:00:00Z");
    expect(beforeAnything.body).toMatchObject({ version: 0, state: { status: "none" } });
  });

  test("400 for a bad `at` or stream id, 404 for an unknown stream, 401 without a token", async () => {
    expect((await api.stream(`account-${accountId}`, "yesterday")).status).toBe(400);
    expect((await api.stream("not a stream")).status).toBe(400);
    // A "%" that escapes nothing (the router has already decoded the id) is a bad id, not a 500.
    expect((await api.stream("%")).status).toBe(400);
    expect((await api.stream("account-100%")).status).toBe(400);
    expect((await api.stream("account-nobody")).status).toBe(404);
    expect((await api.stream("widget-1")).status).toBe(404);
    // Sent as %25zz, it reaches the route as "%zz", which decodes to nothing.
    expect(await api.stream("%zz")).toMatchObject({ status: 400, body: { error: "INVALID_INPUT" } });
    expect((await api.stream(`account-${accountId}`, undefined, { token: null })).status).toBe(401);
    expect((await api.stream(`account-${accountId}`, undefined, { token: TOKENS.support })).status).toBe(200);
  });
});

describe("GET /api/accounts/<id>/timeline", () => {
  test("newest first, with a sentence, actor, source and ids for each event", async () => {
    const res = await api.timeline(accountId, "", { token: TOKENS.support });
    expect(res.status).toBe(200);
    const items = res.body.entries;
    expect(items.map((i: { position: number }) => i.position)).toEqual(
      [...items.map((i: { position: number }) => i.position)].sort((a: number, b: number) => b - a),
    );
    const upgrade = items.find((i: { type: string }) => i.type === "PlanUpgraded");
    expect(upgrade).toMatchObject({
      streamId: `subscription-${accountId}`,
      actor: { type: "user", id: "admin-user", role: "admin" },
      source: "api",
      sentence: expect.stringMatching(/^Admin-user \(admin\) upgraded/),
      commandType: "UpgradePlan",
      correlationId: expect.any(String),
      requestId: expect.any(String),
      appVersion: expect.any(String),
    });
    const invoice = items.find((i: { type: string }) => i.type === "InvoiceIssued");
    expect(invoice.actor).toEqual({ type: "system", id: "billing-policy" });
    expect(invoice.causationId).toEqual(expect.any(String));
    expect(res.body.nextCursor).toBeNull();
  });

  test("pages with limit and cursor without gaps or repeats", async () => {
    const all = (await api.timeline(accountId, "limit=200")).body.entries.map((i: { position: number }) => i.position);
    const paged: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res: Awaited<ReturnType<ApiHarness["timeline"]>> = await api.timeline(
        accountId,
        `limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.body.entries.length).toBeLessThanOrEqual(2);
      paged.push(...res.body.entries.map((i: { position: number }) => i.position));
      cursor = res.body.nextCursor;
    }
    expect(paged).toEqual(all);
  });

  test("filters by type, stream, actor, source, app version and business time", async () => {
    const only = async (query: string) =>
      (await api.timeline(accountId, query)).body.entries.map((i: { type: string }) => i.type);
    expect(await only("types=AccountOpened")).toEqual(["AccountOpened"]);
    expect(new Set(await only("streams=invoice"))).toEqual(new Set(["InvoiceIssued"]));
    expect(await only(`streams=account-${accountId}`)).toEqual(["AccountOpened"]);
    expect(await only("actor=crm-sync")).toEqual(["PlanPurchased"]);
    expect(new Set(await only("source=system"))).toEqual(new Set(["InvoiceIssued"]));
    expect(await only("appVersion=does-not-exist")).toEqual([]);
    expect(await only("from=2000-01-01&to=2000-01-02")).toEqual([]);
    expect((await only("from=2000-01-01")).length).toBeGreaterThan(4);
  });

  test("400 for anything else; 404 for an unknown account", async () => {
    for (const query of [
      "limit=0",
      "limit=201",
      "limit=ten",
      "cursor=abc",
      "types=NoSuchEvent",
      "source=fax",
      "from=soon",
      "color=blue",
      "from=2026-02-01&to=2026-01-01",
    ]) {
      const res = await api.timeline(accountId, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe("INVALID_INPUT");
    }
    expect((await api.timeline("nobody")).status).toBe(404);
  });
});
