import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { openSession } from "@/lib/auth/sessions";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";
import { EXPORT_COLUMNS } from "@/lib/timeline/export";
import type { TimelineEntry } from "@/lib/timeline/entry";

let api: ApiHarness;
const accountId = "exports";
const NAME = 'Smith, "Jones"\nand Sons';
const FORMULA = '=HYPERLINK("http://evil.example","refund")';
let seatsEventId: string;

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parse(text, { columns: true });
const timeline = async (query = "") => (await api.timeline(accountId, `limit=200${query ? `&${query}` : ""}`)).body;
const positions = (items: readonly { position?: number | string }[]) => items.map((i) => Number(i.position));

beforeAll(async () => {
  api = await createApiHarness();
  const send = async (type: string, body: Record<string, unknown>, call: { token?: string; key?: string } = {}) => {
    const headers: Record<string, string> = call.key ? { "idempotency-key": call.key } : {};
    const res = await api.command(type, { body, token: call.token, headers });
    expect(res.status, res.text).toBe(200);
    await new Promise((r) => setTimeout(r, 5)); // distinct business times for the from/to filters
    return res.body;
  };
  await send("OpenAccount", { accountId, name: NAME, billingEmail: "ap@exports.example", currency: "USD" });
  await send("PurchasePlan", { accountId, plan: "starter", interval: "monthly", seats: 2 }, { token: TOKENS.service });
  const seats = await send("ChangeSeats", { accountId, seats: 5 }, { key: "seats-to-5" });
  await send("ChangeSeats", { accountId, seats: 5 }, { key: "seats-to-5" }); // a replay: written once, sent twice
  await send("UpgradePlan", { accountId, plan: "pro" });
  await api.project();
  const entries: TimelineEntry[] = (await timeline()).entries;
  seatsEventId = entries.find((e) => e.position === seats.events[0].position)!.eventId;
  const invoiceId = entries.find((e) => e.type === "InvoiceIssued")!.streamId.replace(/^invoice-/, "");
  await send("IssueCreditNote", { invoiceId, amount: 1000, reason: FORMULA, compensatesEventId: seatsEventId });
  await api.project();
});
afterAll(async () => api?.drop());

describe("GET /api/accounts/<id>/export?format=csv", () => {
  test("a file of the timeline API's rows in its order, with a header row", async () => {
    const before = new Date().toISOString().slice(0, 10);
    const res = await api.export(accountId, "format=csv", { token: TOKENS.finance });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const disposition = res.headers.get("content-disposition")!;
    const date = /^attachment; filename="timeline-exports-(\d{4}-\d{2}-\d{2})\.csv"$/.exec(disposition)?.[1];
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(date);

    expect(res.text.split("\r\n")[0]).toBe(EXPORT_COLUMNS.join(","));
    const rows = csvRows(res.text);
    const entries: TimelineEntry[] = (await timeline()).entries;
    expect(entries.length).toBeGreaterThan(6);
    expect(positions(rows)).toEqual(positions(entries));
    expect(rows.map((r) => r.sentence)).toEqual(entries.map((e) => e.sentence));
    rows.forEach((row, i) => {
      const entry = entries[i]!;
      for (const key of [
        "occurredAt",
        "recordedAt",
        "eventId",
        "requestId",
        "correlationId",
        "type",
        "streamId",
      ] as const)
        expect(row[key]).toBe(entry[key]);
      expect(row.causationId).toBe(entry.causationId ?? "");
      expect(row.actorId).toBe(entry.actor.id);
      expect(row.actorLabel).toBe(entry.actorLabel);
      expect(row.version).toBe(String(entry.version));
    });
  });

  test("quotes commas, quotes and line breaks (RFC 4180), and defuses formulas", async () => {
    const { text } = await api.export(accountId, "format=csv", { token: TOKENS.finance });
    expect(text).toContain('Smith, ""Jones""\nand Sons'); // inside a quoted field
    const rows = csvRows(text);
    const opened = rows.find((r) => r.type === "AccountOpened")!;
    expect(opened.sentence).toContain(NAME);
    const credit = rows.find((r) => r.type === "CreditNoteIssued")!;
    expect(credit.reason).toBe(`'${FORMULA}`);
    expect(credit.compensates).toBe(seatsEventId);
    expect(credit.actorRole).toBe("admin");
  });

  test("actors, replays and empty cells", async () => {
    const rows = csvRows((await api.export(accountId, "format=csv", { token: TOKENS.admin })).text);
    const seats = rows.find((r) => r.eventId === seatsEventId)!;
    expect(seats).toMatchObject({ replays: "2", idempotencyKey: "seats-to-5", commandType: "ChangeSeats" });
    // Every event the repeated command wrote, and only those.
    const repeated = rows.filter((r) => r.replays !== "1");
    expect(repeated.map((r) => r.eventId)).toContain(seatsEventId);
    expect(repeated).toEqual(rows.filter((r) => r.idempotencyKey === "seats-to-5"));
    expect(rows.find((r) => r.type === "PlanPurchased")).toMatchObject({ actorId: "crm-sync", actorRole: "service" });
    expect(rows.find((r) => r.type === "InvoiceIssued")).toMatchObject({ actorRole: "system", source: "system" });
    expect(rows.find((r) => r.type === "AccountOpened")).toMatchObject({ reason: "", compensates: "" });
  });

  test("no matching events: the header row alone", async () => {
    const res = await api.export(accountId, "format=csv&appVersion=does-not-exist", { token: TOKENS.finance });
    expect(res.text).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
  });
});

describe("GET /api/accounts/<id>/export?format=json", () => {
  test("a JSON array of the same rows, each with the event's data", async () => {
    const res = await api.export(accountId, "format=json", { token: TOKENS.finance });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-disposition")).toMatch(/filename="timeline-exports-\d{4}-\d{2}-\d{2}\.json"/);
    const entries: TimelineEntry[] = (await timeline()).entries;
    expect(positions(res.body)).toEqual(positions(entries));
    res.body.forEach((row: Record<string, unknown>, i: number) => {
      expect(Object.keys(row)).toEqual([...EXPORT_COLUMNS, "data"]);
      expect(row).toMatchObject({ sentence: entries[i]!.sentence, data: entries[i]!.data });
    });
    const credit = res.body.find((r: { type: string }) => r.type === "CreditNoteIssued");
    expect(credit).toMatchObject({ reason: FORMULA, compensates: seatsEventId, replays: 1 });
    expect(res.body.find((r: { eventId: string }) => r.eventId === seatsEventId).replays).toBe(2);
    expect((await api.export(accountId, "format=json&types=AccountClosed")).body).toEqual([]);
  });

  test("order=asc: oldest first", async () => {
    const res = await api.export(accountId, "format=json&order=asc");
    expect(positions(res.body)).toEqual(positions((await timeline()).entries).reverse());
  });
});

describe("filters", () => {
  test("the timeline API's filters select the same events", async () => {
    const entries: TimelineEntry[] = (await timeline()).entries;
    const times = [...new Set(entries.map((e) => e.occurredAt))].sort();
    const queries = [
      "types=SeatsChanged,PlanUpgraded",
      "actor=crm-sync",
      "streams=invoice",
      "source=system",
      `from=${times[1]}&to=${times.at(-2)}`,
    ];
    for (const query of queries) {
      const expected = positions((await timeline(query)).entries);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(entries.length);
      expect(positions((await api.export(accountId, `format=json&${query}`)).body), query).toEqual(expected);
      expect(positions(csvRows((await api.export(accountId, `format=csv&${query}`)).text)), query).toEqual(expected);
    }
  });
});

describe("who may export, and errors before the file starts", () => {
  test("finance and admin may; support and services get 403 with the role's sentence; no token is 401", async () => {
    const support = await api.export(accountId, "format=csv", { token: TOKENS.support });
    expect(support.status).toBe(403);
    expect(support.body).toMatchObject({ error: "FORBIDDEN", message: "The support role cannot export data." });
    expect((await api.export(accountId, "format=csv", { token: TOKENS.service })).body.message).toBe(
      "Service tokens cannot export data.",
    );
    expect((await api.export(accountId, "format=csv", { token: null })).status).toBe(401);
    expect((await api.export(accountId, "format=csv", { token: TOKENS.admin })).status).toBe(200);
  });

  test("a browser link with the session cookie works for the roles that may export", async () => {
    const cookie = async (token: string) => {
      const session = await openSession(api.db, token);
      return { token: null, headers: { cookie: `${SESSION_COOKIE}=${session!.secret}` } };
    };
    expect((await api.export(accountId, "format=csv", await cookie(TOKENS.finance))).status).toBe(200);
    expect((await api.export(accountId, "format=csv", await cookie(TOKENS.support))).status).toBe(403);
    // The token itself in the cookie is no session.
    const tokenAsCookie = { token: null, headers: { cookie: `${SESSION_COOKIE}=${TOKENS.finance}` } };
    expect((await api.export(accountId, "format=csv", tokenAsCookie)).status).toBe(401);
  });

  test("404 for an unknown account, 400 for bad filters, paging or format", async () => {
    const unknown = await api.export("nobody", "format=csv");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/json");
    const cases: [string, string][] = [
      ["", "query.format"],
      ["format=xlsx", "query.format"],
      ["format=csv&order=newest", "query.order"],
      ["format=csv&limit=10", "query.limit"],
      ["format=csv&cursor=97", "query.cursor"],
      ["format=csv&types=NoSuchEvent", "query.types"],
      ["format=csv&from=soon", "query.from"],
      ["format=csv&from=2026-02-01&to=2026-01-01", "query.from"],
      ["format=csv&color=blue", "query"],
    ];
    for (const [query, path] of cases) {
      const res = await api.export(accountId, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toBe("INVALID_INPUT");
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain(path);
    }
    const limit = await api.export(accountId, "format=csv&limit=10");
    expect(limit.body.issues[0].message).toMatch(/^an export has no limit/);
  });
});
