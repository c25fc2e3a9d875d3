import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness();
});
afterAll(async () => api?.drop());

let counter = 0;
async function openAccount(id = `acct${++counter}`) {
  const res = await api.command("OpenAccount", {
    body: { accountId: id, name: `Customer ${id}`, billingEmail: `billing@${id}.example`, currency: "USD" },
  });
  expect(res.status, res.text).toBe(200);
  return id;
}

describe("POST /api/commands/<type>: success", () => {
  test("OpenAccount without an id gets one; the response carries version, positions and an ETag", async () => {
    const res = await api.command("OpenAccount", {
      body: { name: "Northwind", billingEmail: "ap@northwind.example", currency: "USD" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      streamId: `account-${res.body.accountId}`,
      version: 1,
      events: [{ type: "AccountOpened", version: 1, position: res.body.position }],
    });
    expect(res.body.accountId).toMatch(/^[0-9a-z]{12}$/);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.headers.get("idempotent-replayed")).toBeNull();
  });

  test("PurchasePlan records the purchase and its policy issues the first invoice", async () => {
    const accountId = await openAccount();
    const res = await api.command("PurchasePlan", { body: { accountId, plan: "pro", interval: "monthly", seats: 3 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(["PlanPurchased"]);
    const sub = await api.stream(`subscription-${accountId}`);
    expect(sub.body.state).toMatchObject({ status: "active", plan: "pro", seats: 3 });
    const invoice = await api.stream(`invoice-${sub.body.state.periodInvoice.invoiceId}`);
    expect(invoice.status).toBe(200);
    expect(invoice.body.state).toMatchObject({ status: "open", charged: 3 * 9900, balance: 3 * 9900, accountId });
  });
});

describe("occurredAt: recording what happened earlier", () => {
  test("any command may say when it happened; its events carry it, and the store still records when", async () => {
    const accountId = await openAccount();
    const happened = new Date(Date.now() - 3 * 86_400_000);
    await api.command("PurchasePlan", {
      body: {
        accountId,
        plan: "pro",
        interval: "monthly",
        seats: 2,
        occurredAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      },
    });
    const res = await api.command("ChangeSeats", { body: { accountId, seats: 4, occurredAt: happened.toISOString() } });
    expect(res.status, res.text).toBe(200);
    const [event] = await api.runtime.store.readEventsAt([res.body.events[0].position]);
    expect(event!.occurredAt.toISOString()).toBe(happened.toISOString());
    expect(Date.now() - event!.recordedAt.getTime()).toBeLessThan(60_000);
    expect(event!.data).toMatchObject({ changedAt: happened.toISOString() });
  });

  test("never in the future, never beyond the backdating limit: a 400 and nothing written", async () => {
    const accountId = await openAccount();
    const future = await api.command("RenameAccount", {
      body: { accountId, name: "Later Ltd", occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(future.status).toBe(400);
    expect(future.body.issues).toEqual([{ path: "data.occurredAt", message: "must not be in the future" }]);
    const ancient = await api.command("RenameAccount", {
      body: { accountId, name: "Old Ltd", occurredAt: "2020-01-01T00:00:00Z" },
    });
    expect(ancient.status).toBe(400);
    expect(ancient.body.issues[0].message).toMatch(/at most 90 days ago/);
    expect((await api.stream(`account-${accountId}`)).body.version).toBe(1);
  });
});

describe("POST /api/commands/<type>: errors", () => {
  test("401 without a token, with an unknown token, or with a malformed header", async () => {
    for (const call of [{ token: null }, { token: "nope" }, { token: null, headers: { authorization: "Basic abc" } }]) {
      const res = await api.command("OpenAccount", { ...call, body: {} });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: "UNAUTHORIZED", message: expect.any(String) });
    }
  });

  test("403 for support and finance on any command, and for services on corrective ones", async () => {
    for (const token of [TOKENS.support, TOKENS.finance]) {
      const res = await api.command("OpenAccount", {
        token,
        body: { name: "X", billingEmail: "x@x.example", currency: "USD" },
      });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe("FORBIDDEN");
      expect(res.body.message).toMatch(/cannot issue commands/);
    }
    const service = await api.command("VoidInvoice", {
      token: TOKENS.service,
      body: { invoiceId: "whatever", reason: "test" },
    });
    expect(service.status).toBe(403);
    expect(service.body.message).toMatch(/corrective/);
    const ok = await api.command("OpenAccount", {
      token: TOKENS.service,
      body: { name: "Svc", billingEmail: "s@s.example", currency: "USD" },
    });
    expect(ok.status).toBe(200);
  });

  test("404 for an unknown command and for a missing target", async () => {
    const unknown = await api.command("DeleteEverything", { body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/no command "DeleteEverything"/);
    const missingAccount = await api.command("RenameAccount", { body: { accountId: "ghost", name: "Boo" } });
    expect(missingAccount).toMatchObject({ status: 404, body: { error: "NOT_FOUND" } });
    const missingInvoice = await api.command("RecordPayment", {
      body: { invoiceId: "ghost", amount: 100, method: "card" },
    });
    expect(missingInvoice.status).toBe(404);
    const noAccount = await api.command("PurchasePlan", {
      body: { accountId: "ghost", plan: "pro", interval: "monthly", seats: 1 },
    });
    expect(noAccount.status).toBe(404);
    expect(noAccount.body.message).toMatch(/No account "ghost"/);
  });

  test("400 for malformed JSON, an empty body, invalid or unknown fields, bad headers", async () => {
    const malformed = await api.command("OpenAccount", { rawBody: '{"name": ' });
    expect(malformed).toMatchObject({
      status: 400,
      body: { error: "INVALID_INPUT", message: "The request body is not valid JSON" },
    });
    expect((await api.command("OpenAccount", { rawBody: "" })).status).toBe(400);
    const invalid = await api.command("OpenAccount", {
      body: { name: "", billingEmail: "not-an-email", currency: "usd", extra: 1 },
    });
    expect(invalid.status).toBe(400);
    const paths = invalid.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["data.name", "data.billingEmail", "data.currency"]));
    expect(JSON.stringify(invalid.body.issues)).toMatch(/extra/);
    const accountId = await openAccount();
    const badIfMatch = await api.command("RenameAccount", {
      body: { accountId, name: "New" },
      headers: { "if-match": "latest" },
    });
    expect(badIfMatch.status).toBe(400);
    const badKey = await api.command("RenameAccount", {
      body: { accountId, name: "New" },
      headers: { "idempotency-key": "x".repeat(300) },
    });
    expect(badKey.status).toBe(400);
    const badId = await api.command("OpenAccount", {
      body: { accountId: "has spaces", name: "A", billingEmail: "a@a.example", currency: "USD" },
    });
    expect(badId.status).toBe(400);
  });

  test("400 for text PostgreSQL cannot store (a NUL character, a lone surrogate), and nothing is written", async () => {
    const accountId = await openAccount();
    for (const name of ["a\u0000b", "a\ud800b"]) {
      const res = await api.command("RenameAccount", { body: { accountId, name } });
      expect(res).toMatchObject({ status: 400, body: { error: "INVALID_INPUT", issues: [{ path: "body.name" }] } });
    }
    expect((await api.stream(`account-${accountId}`)).body.version).toBe(1);
    const inPath = await api.timeline("a\u0000b");
    expect(inPath.status).toBe(400);
  });

  test("413 for a body over 64 KiB", async () => {
    const res = await api.command("OpenAccount", { rawBody: JSON.stringify({ name: "x".repeat(70 * 1024) }) });
    expect(res).toMatchObject({ status: 413, body: { error: "PAYLOAD_TOO_LARGE" } });
  });

  test("422 with the rule's code for a rule violation, and nothing is written", async () => {
    const accountId = await openAccount();
    await api.command("PurchasePlan", { body: { accountId, plan: "starter", interval: "monthly", seats: 1 } });
    const again = await api.command("PurchasePlan", {
      body: { accountId, plan: "pro", interval: "monthly", seats: 1 },
    });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ error: "DUPLICATE_PURCHASE", message: expect.stringMatching(/already/) });
    await api.command("ScheduleCancellation", { body: { accountId, when: "now" } });
    const upgrade = await api.command("UpgradePlan", { body: { accountId, plan: "pro" } });
    expect(upgrade.status).toBe(422);
    expect(upgrade.body.error).toBe("SUBSCRIPTION_CANCELED");
    const coupon = await api.command("ApplyCoupon", { body: { accountId: await openAccount(), code: "SAVE20" } });
    expect(coupon.body.error).toBe("COUPON_REQUIRES_PURCHASE");
  });

  test("never a 500 for bad input", async () => {
    const accountId = await openAccount();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("OpenAccount", "PurchasePlan", "ChangeSeats", "RecordPayment", "IssueInvoice", "CaptureLead"),
        fc.oneof(
          fc.jsonValue(),
          fc.record({ accountId: fc.constant(accountId), seats: fc.jsonValue(), plan: fc.jsonValue() }),
        ),
        async (type, body) => {
          const res = await api.command(type, { body });
          expect(res.status, `${type} ${JSON.stringify(body)} → ${res.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("idempotency and concurrency", () => {
  test("a repeat returns the first response, the same status and body, and writes nothing", async () => {
    const headers = { "idempotency-key": "open-1" };
    const body = { name: "Repeat Co", billingEmail: "r@r.example", currency: "USD" };
    const first = await api.command("OpenAccount", { body, headers });
    const second = await api.command("OpenAccount", { body, headers });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const reused = await api.command("OpenAccount", { body: { ...body, name: "Other" }, headers });
    expect(reused).toMatchObject({ status: 422, body: { error: "IDEMPOTENCY_KEY_REUSED" } });
    // Keys are per caller: another token may use the same key for its own request.
    const other = await api.command("OpenAccount", { token: TOKENS.service, body, headers });
    expect(other.body.accountId).not.toBe(first.body.accountId);
  });

  test("ten racing repeats of one key: one write, ten identical answers", async () => {
    const accountId = await openAccount();
    const calls = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.command("PurchasePlan", {
          body: { accountId, plan: "pro", interval: "annual", seats: 2 },
          headers: { "idempotency-key": `race-${accountId}` },
        }),
      ),
    );
    for (const call of calls) {
      expect(call.status, call.text).toBe(200);
      expect(call.body).toEqual(calls[0]!.body);
    }
    const sub = await api.stream(`subscription-${accountId}`);
    expect(sub.body.version).toBe(1);
    await api.project();
    const timeline = await api.timeline(accountId, "types=PlanPurchased,InvoiceIssued");
    expect(timeline.body.entries.map((i: { type: string }) => i.type).sort()).toEqual([
      "InvoiceIssued",
      "PlanPurchased",
    ]);
  });

  test("a rejected first request is the answer its repeats get", async () => {
    const accountId = await openAccount();
    const headers = { "idempotency-key": `seats-${accountId}` };
    const first = await api.command("ChangeSeats", { body: { accountId, seats: 4 }, headers });
    expect(first.body.error).toBe("SUBSCRIPTION_NOT_FOUND");
    await api.command("PurchasePlan", { body: { accountId, plan: "pro", interval: "monthly", seats: 1 } });
    const repeat = await api.command("ChangeSeats", { body: { accountId, seats: 4 }, headers });
    expect(repeat.status).toBe(first.status);
    expect(repeat.body).toEqual(first.body);
  });

  test("If-Match: the version seen is enforced; a stale one is a 409 with the current version", async () => {
    const accountId = await openAccount();
    const ok = await api.command("RenameAccount", {
      body: { accountId, name: "Renamed once" },
      headers: { "if-match": '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    const stale = await api.command("RenameAccount", {
      body: { accountId, name: "Renamed twice" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: "VERSION_CONFLICT",
      currentVersion: 2,
      streamId: `account-${accountId}`,
    });
    expect((await api.stream(`account-${accountId}`)).body.state.name).toBe("Renamed once");
  });

  test("unpinned writers racing on one stream are retried from a fresh load, none lost", async () => {
    const accountId = await openAccount();
    await api.command("PurchasePlan", { body: { accountId, plan: "pro", interval: "monthly", seats: 1 } });
    const results = await Promise.all(
      [2, 3, 4, 5, 6].map((seats) => api.command("ChangeSeats", { token: TOKENS.service, body: { accountId, seats } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const versions = results.map((r) => r.body.version);
    expect(new Set(versions).size).toBe(5);
  });
});
