import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { projections } from "@/lib/projections/registry";
import { applyLogToAll } from "@/lib/projections/testing/apply-log";
import { at, invoicesOf, run } from "@/lib/projections/testing/history";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { search, type SearchAnswer, SEARCH_MAX_LENGTH } from "./search";

type Results = Extract<SearchAnswer, { kind: "results" }>;

describe("search", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  let invoiceId: string;
  const find = (q: string | string[] | undefined) => search(runtime, q);
  const results = async (q: string): Promise<Results> => {
    const answer = await find(q);
    if (!("kind" in answer) || answer.kind !== "results")
      throw new Error(`expected results, got ${JSON.stringify(answer)}`);
    return answer;
  };
  const ids = (r: Results) => ({
    accounts: r.accounts.items.map((a) => a.accountId),
    invoices: r.invoices.items.map((i) => i.invoiceId),
    leads: r.leads.items.map((l) => l.leadId),
  });
  const open = (accountId: string, name: string, billingEmail: string) =>
    run(runtime, at(0), "OpenAccount", { accountId, name, billingEmail, currency: "USD" });

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await open("acct-quantum", "Quantum Widgets Ltd", "ap@quantum-billing.example");
    await open("acct-odd", "100% Legit_Co's <script>alert(1)</script>", "odd@example.org");
    await open("acct-plain", "100 LegitXCo", "plain@example.org");
    await open("twin", "Twin Peaks", "twin@example.org");
    const bought = await issueCommand(runtime, {
      type: "PurchasePlan",
      data: { accountId: "acct-quantum", plan: "pro", interval: "monthly", seats: 2 },
      caller: { system: "crm" },
      source: "api",
      requestId: "req-quantum-buy",
      correlationId: "delivery:evt_42",
      now: at(1),
    });
    invoiceId = invoicesOf(bought)[0]!;
    const lead = {
      name: "Zelda Fitzgerald",
      email: "zelda@jazz-age.example",
      company: "Jazz Age Inc",
      source: "event",
    };
    await run(runtime, at(2), "CaptureLead", { leadId: "lead-zelda", ...lead });
    await run(runtime, at(2), "CaptureLead", { ...lead, leadId: "twin", company: "Twin Leads" });
    await applyLogToAll(runtime, projections);
  });
  afterAll(async () => t?.drop());

  test("accounts by part of their name, billing email or id, in any case", async () => {
    expect(ids(await results("widgets")).accounts).toEqual(["acct-quantum"]);
    expect(ids(await results("QUANTUM-BILL")).accounts).toEqual(["acct-quantum"]);
    expect(ids(await results("cct-quan")).accounts).toEqual(["acct-quantum"]);
  });

  test("invoices by part of their id", async () => {
    const part = invoiceId.slice(2, 10);
    const found = await results(part);
    expect(found.invoices.items.map((i) => i.invoiceId)).toContain(invoiceId);
    expect(found.accountNames.get("acct-quantum")).toBe("Quantum Widgets Ltd");
  });

  test("leads by the contact's name, email or company", async () => {
    expect(ids(await results("zelda fitz")).leads).toEqual(["lead-zelda", "twin"]);
    expect(ids(await results("JAZZ-AGE.example")).leads).toContain("lead-zelda");
    expect(ids(await results("age inc")).leads).toEqual(["lead-zelda"]);
    const [lead] = (await results("age inc")).leads.items;
    expect(lead).toMatchObject({ name: "Zelda Fitzgerald", email: "zelda@jazz-age.example", company: "Jazz Age Inc" });
  });

  test("an exact id goes straight to its page", async () => {
    expect(await find("acct-quantum")).toEqual({ redirect: "/accounts/acct-quantum" });
    expect(await find(invoiceId)).toEqual({ redirect: `/invoices/${invoiceId}` });
    expect(await find("lead-zelda")).toEqual({ redirect: "/leads/lead-zelda" });
    expect(await find("req-quantum-buy")).toEqual({ redirect: "/correlations/req-quantum-buy" });
    expect(await find("  delivery:evt_42 ")).toEqual({ redirect: "/correlations/delivery%3Aevt_42" });
  });

  test("an id two kinds share is not guessed: both are offered", async () => {
    const found = await results("twin");
    expect(found.exact).toEqual([
      { kind: "account", href: "/accounts/twin" },
      { kind: "lead", href: "/leads/twin" },
    ]);
    expect(ids(found)).toMatchObject({ accounts: ["twin"], leads: ["twin"] });
  });

  test("%, _, quotes and markup are searched for literally", async () => {
    expect(ids(await results("%"))).toEqual({ accounts: ["acct-odd"], invoices: [], leads: [] });
    expect(ids(await results("0% L"))).toEqual({ accounts: ["acct-odd"], invoices: [], leads: [] });
    expect(ids(await results("_"))).toEqual({ accounts: ["acct-odd"], invoices: [], leads: [] });
    expect(ids(await results("t_C"))).toEqual({ accounts: ["acct-odd"], invoices: [], leads: [] });
    expect(ids(await results("Co's"))).toEqual({ accounts: ["acct-odd"], invoices: [], leads: [] });
    expect(ids(await results("<script>alert(1)</script>")).accounts).toEqual(["acct-odd"]);
    expect(ids(await results("'; DROP TABLE rm_account_summary; --"))).toEqual({
      accounts: [],
      invoices: [],
      leads: [],
    });
    expect(ids(await results("\\"))).toEqual({ accounts: [], invoices: [], leads: [] });
    expect(ids(await results("widgets")).accounts).toEqual(["acct-quantum"]);
  });

  test("an empty or overlong query is answered, not an error", async () => {
    expect(await find(undefined)).toEqual({ kind: "empty" });
    expect(await find("   ")).toEqual({ kind: "empty" });
    expect(await find(["widgets", "other"])).toMatchObject({ kind: "results", q: "widgets" });
    expect(await find("x".repeat(SEARCH_MAX_LENGTH))).toMatchObject({ kind: "results" });
    expect(await find("x".repeat(SEARCH_MAX_LENGTH + 1))).toEqual({ kind: "too-long", length: SEARCH_MAX_LENGTH + 1 });
  });

  test("nothing found is an empty result", async () => {
    expect(ids(await results("no such thing anywhere"))).toEqual({ accounts: [], invoices: [], leads: [] });
  });
});
