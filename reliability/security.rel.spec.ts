/**
 * Security: every API route, page and server action answers each kind of
 * caller as the permission table says and refused callers write nothing;
 * server actions refuse other origins; hostile text in events, names and
 * query strings renders inert in Chromium; SQL metacharacters are just text;
 * the billing webhook refuses bad, stale and replayed deliveries; no secret
 * reaches the logs, an error body or the client bundle.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright";
import { afterAll, beforeAll, expect, test } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { DEMO_TOKEN_HOLDERS } from "@/lib/seed/demo-actors";
import { DEMO_WEBHOOK_SECRET } from "@/lib/webhooks/billing-signature";
import { type App, startApp } from "./harness/processes";
import { type Fresh, freshDatabase, profile, report, sized } from "./harness/suite";
import { ACTION_INPUTS } from "./security/action-inputs";
import { actionResult, gateOf, postAction } from "./security/actions";
import { apiCases, shouldAnswer } from "./security/api-cases";
import { launchChromium, signInWithToken } from "./security/browser";
import { type Caller, callers, type Expected, expected, headersOf, principalRole } from "./security/callers";
import { createFixture, type Fixture, paramsOf } from "./security/fixture";
import { PAYLOADS, signed, writeHostile } from "./security/hostile";
import { inspect, settledPage, visits } from "./security/inert";
import { type Got, Matrix } from "./security/matrix";
import { pageCases } from "./security/page-cases";
import { LEAK, SQL_PAYLOADS, sqlTargets } from "./security/sql";
import { apiRoutesOnDisk, pagesOnDisk, postingPage, root, serverActions } from "./security/surface";
import { moved, settle, writeMarks } from "./security/writes";

// Secrets of this run: the suite's cluster trusts every local connection, so the password is accepted and
// ignored, and only has to stay out of everything the app shows.
const DB_PASSWORD = `pw-${randomBytes(12).toString("hex")}`;
const WEBHOOK_SECRET = `whsec_rel_${randomBytes(16).toString("hex")}`;

let fresh: Fresh;
let app: App;
let fx: Fixture;
let browser: Browser | undefined;
/** Every answer that was not a success, for the secrets check at the end. */
const errorBodies: string[] = [];
/** Answers that echoed the caller's own token. */
const echoes: string[] = [];
/** Tokens made along the way (the hostile test's), secrets as much as the fixture's. */
const madeTokens: Record<string, string> = {};

beforeAll(async () => {
  fresh = await freshDatabase("security");
  const url = new URL(fresh.url);
  url.password = DB_PASSWORD;
  app = await startApp(url.toString(), { projector: true, env: { WEBHOOK_SECRET } });
  fx = await createFixture(app.baseUrl, fresh);
  await settle(fresh.db, app.baseUrl, fresh.tokens.admin);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fresh?.close();
});

/** Waits until every projection has applied every event (the pages read the read models). */
async function caughtUp(): Promise<void> {
  const headers = { authorization: `Bearer ${fresh.tokens.admin}` };
  for (let attempt = 0; ; attempt++) {
    const health = (await (await fetch(`${app.baseUrl}/api/projections`, { headers })).json()) as {
      name: string;
      lagEvents: number;
    }[];
    if (health.every((p) => p.lagEvents === 0)) return;
    if (attempt > 600) throw new Error(`projections did not catch up: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const missing = (onDisk: string[], covered: string[]) => onDisk.filter((r) => !covered.includes(r)).sort();

function gotOf(status: number, location: string | null): Got {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 307 && location?.startsWith("/sign-in?next=")) return "unauthenticated";
  return "allowed";
}

/** Runs a row's refused callers between two marks of every table, then its allowed ones. */
async function runRow<T extends { caller: Caller; should: Expected }>(
  matrix: Matrix,
  label: string,
  planned: T[],
  send: (one: T) => Promise<void>,
) {
  const before = await writeMarks(fresh.db);
  for (const one of planned.filter((p) => p.should !== "allowed")) await send(one);
  const tables = moved(before, await writeMarks(fresh.db));
  if (tables.length > 0) matrix.writesByRefused.push(`${label}: ${tables.join(", ")}`);
  for (const one of planned.filter((p) => p.should === "allowed")) await send(one);
  await settle(fresh.db, app.baseUrl, fresh.tokens.admin);
}

test("every API route answers each caller as the permission table says; refused callers write nothing", async () => {
  const cases = apiCases(fx, { everyCommand: profile() === "full" });
  expect(missing(apiRoutesOnDisk(), [...new Set(cases.map((c) => c.route))])).toEqual([]);
  const matrix = new Matrix(callers(fresh.tokens).map((c) => c.label));
  for (const c of cases) {
    const row = matrix.row(c.label, Array.isArray(c.needs) ? c.needs.join("+") : String(c.needs));
    const method = c.route.split(" ")[0]!;
    const planned = callers(fresh.tokens).map((caller) => ({ caller, should: shouldAnswer(c, caller) }));
    await runRow(matrix, c.label, planned, async ({ caller, should }) => {
      const response = await fetch(`${app.baseUrl}${c.path}`, {
        method,
        redirect: "manual",
        headers: { ...headersOf(caller), ...(c.body ? { "content-type": "application/json" } : {}) },
        body: c.body ? JSON.stringify(c.body(caller.label)) : undefined,
      });
      const text = await response.text();
      const got = gotOf(response.status, null);
      const problem =
        response.status >= 500
          ? text.slice(0, 200)
          : should === "allowed" && c.succeeds && response.status >= 300
            ? `did not succeed: ${text.slice(0, 200)}`
            : undefined;
      if (response.status >= 400) errorBodies.push(text);
      if (caller.token && text.includes(caller.token)) echoes.push(`${c.label} as ${caller.label}`);
      row.cells.push({ caller: caller.label, expected: should, got, status: response.status, problem });
    });
  }
  matrix.print("API routes (+: the permission table allows the caller)");
  report("security-api", { ...matrix.figures(), callers: callers(fresh.tokens).length });
  expect(matrix.mismatches()).toEqual([]);
  expect(matrix.writesByRefused).toEqual([]);
});

test("every page answers each caller as the permission table says: sign in, 403, or the page", async () => {
  const cases = pageCases(fx);
  expect(
    missing(
      pagesOnDisk(),
      cases.map((c) => c.route),
    ),
  ).toEqual([]);
  const matrix = new Matrix(callers(fresh.tokens).map((c) => c.label));
  for (const c of cases) {
    const row = matrix.row(c.path, c.needs);
    const planned = callers(fresh.tokens).map((caller) => ({
      caller,
      should: expected(principalRole(caller, "page"), [c.needs]),
    }));
    await runRow(matrix, c.path, planned, async ({ caller, should }) => {
      const response = await fetch(`${app.baseUrl}${c.path}`, { redirect: "manual", headers: headersOf(caller) });
      const text = await response.text();
      const got = gotOf(response.status, response.headers.get("location"));
      const framable =
        response.status < 300 && !response.headers.get("content-security-policy")?.includes("frame-ancestors 'none'");
      const problem =
        got === "allowed" && response.status !== 200
          ? `answered ${response.status}`
          : caller.token && text.includes(caller.token)
            ? "the page holds the session token"
            : framable
              ? "another site may frame it (no frame-ancestors 'none')"
              : undefined;
      row.cells.push({ caller: caller.label, expected: should, got, status: response.status, problem });
    });
  }
  matrix.print("pages (+: the permission table allows the caller)");
  report("security-pages", { ...matrix.figures(), callers: callers(fresh.tokens).length });
  expect(matrix.mismatches()).toEqual([]);
  expect(matrix.writesByRefused).toEqual([]);
});

test("every server action, posted as the browser posts it, answers each caller as its declared permission says", async () => {
  const actions = serverActions();
  const guarded = actions.filter((a) => a.permission !== null);
  expect(guarded.map((a) => a.name).sort()).toEqual(Object.keys(ACTION_INPUTS).sort());
  // The others are the sign-in form's: the sessions test posts them from Chromium.
  expect(
    actions
      .filter((a) => a.permission === null)
      .map((a) => a.name)
      .sort(),
  ).toEqual(["signIn", "signOut"]);
  const matrix = new Matrix(callers(fresh.tokens).map((c) => c.label));
  let succeeded = 0;
  for (const [name, inputOf] of Object.entries(ACTION_INPUTS)) {
    const action = guarded.find((a) => a.name === name)!;
    const page = postingPage(action, paramsOf(fx));
    const row = matrix.row(name, action.permission!);
    const planned = callers(fresh.tokens).map((caller) => ({
      caller,
      should: expected(principalRole(caller, "action"), [action.permission!]),
    }));
    await runRow(matrix, name, planned, async ({ caller, should }) => {
      const answer = await postAction(app.baseUrl, page, action.id, await inputOf(fx), headersOf(caller));
      const got = gateOf(answer);
      if (got === "allowed" && answer.result?.data !== undefined) succeeded++;
      const problem = answer.status >= 500 ? `answered ${answer.status}` : undefined;
      if (answer.result?.serverError) errorBodies.push(JSON.stringify(answer.result.serverError));
      row.cells.push({ caller: caller.label, expected: should, got, status: answer.status, problem });
    });
  }
  matrix.print("server actions (+: the permission table allows the caller; all answer 200, the gate is in the body)");
  report("security-actions", { ...matrix.figures(), succeeded, callers: callers(fresh.tokens).length });
  expect(matrix.mismatches()).toEqual([]);
  expect(matrix.writesByRefused).toEqual([]);
  expect(succeeded).toBeGreaterThan(0);
});

test("in Chromium: people sign in and out; services and revoked tokens are refused; a signed-out cookie is dead", async () => {
  browser ??= await launchChromium();
  const base = app.baseUrl;
  const before = await writeMarks(fresh.db);
  const figures = { signIns: 0, refusedSignIns: 0, replayedRequests: 0, replayedAllowed: 0 };
  // Every page navigation to another host: the browser's own record, whether or not the host resolves.
  const offSite: string[] = [];
  const watched = async () => {
    const context = await browser!.newContext();
    context.on("request", (r) => {
      if (r.isNavigationRequest() && new URL(r.url()).origin !== base) offSite.push(r.url());
    });
    return context;
  };

  for (const role of ["support", "finance", "admin"] as const) {
    const context = await watched();
    const page = await context.newPage();
    const away = offSite.length;
    // The return path is a tab away from another host: the browser would read "/\t/evil.example" as //evil.example.
    await signInWithToken(page, base, fresh.tokens[role], "/\t/evil.example");
    // Sent to another host, the navigation fails to resolve here (nothing leaves the machine); offSite has it.
    await page.waitForURL((url) => url.pathname !== "/sign-in").catch(() => undefined);
    if (offSite.length > away) {
      await context.close();
      continue;
    }
    await page.getByTestId("signed-in-as").waitFor();
    const [cookie] = (await context.cookies()).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie, role).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(cookie!.value, role).not.toContain(fresh.tokens[role]); // a session secret, never the token
    expect(cookie!.expires * 1000, role).toBeGreaterThan(Date.now());
    figures.signIns++;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    expect(
      (await context.cookies()).filter((c) => c.name === SESSION_COOKIE),
      role,
    ).toEqual([]);
    await context.close();
  }

  // One sign-in page, three tokens that must not open a session: a service's, a revoked one, an unknown one.
  const refusedContext = await browser.newContext();
  const refusedPage = await refusedContext.newPage();
  await refusedPage.goto(`${base}/sign-in`);
  // Named "Signing in…" while an attempt is pending.
  const signInButton = refusedPage.getByRole("button", { name: "Sign in", exact: true });
  for (const token of [fresh.tokens.service, fresh.tokens.revoked, "no-such-token"]) {
    await refusedPage.getByLabel("Access token").fill(token);
    const answered = refusedPage.waitForResponse((r) => r.request().method() === "POST");
    await signInButton.click();
    await answered;
    // React renders the answer, and clears the form, a moment after the response: a token typed before that is
    // wiped and the empty required field is never sent. The idle button says the answer has been rendered.
    await signInButton.waitFor();
    await refusedPage.locator('form[aria-label="Sign in with a token"] [role="alert"]').waitFor();
    expect(new URL(refusedPage.url()).pathname).toBe("/sign-in");
    expect((await refusedContext.cookies()).filter((c) => c.name === SESSION_COOKIE)).toEqual([]);
    figures.refusedSignIns++;
  }
  await refusedContext.close();

  // A cookie copied before its person signed out, put back in the browser: the server ended the session, so it is
  // signed out everywhere (expired and revoked sessions are callers of the matrices above).
  const context = await watched();
  const page = await context.newPage();
  await signInWithToken(page, base, fresh.tokens.admin);
  await page.getByTestId("signed-in-as").waitFor();
  // Signed in, the sign-in page itself sends them on to its return path: the same tab away from another host.
  const probe = await context.newPage();
  await probe.goto(`${base}/sign-in?next=${encodeURIComponent("/\t/evil.example")}`).catch(() => undefined);
  await probe.close();
  const [copied] = (await context.cookies()).filter((c) => c.name === SESSION_COOKIE);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await context.addCookies([copied!]);
  const replayed: Caller = {
    label: "session:replayed-after-sign-out",
    via: "cookie",
    token: copied!.value,
    role: "admin",
    live: false,
  };
  const problems: string[] = [];
  for (const c of pageCases(fx)) {
    const should = expected(principalRole(replayed, "page"), [c.needs]);
    // Where the browser ends up, as a link followed from the page would (with whatever cookies it still holds).
    const landed = await page.evaluate(async (path) => new URL((await fetch(path)).url).pathname, c.path);
    const got = landed === "/sign-in" ? "unauthenticated" : "allowed";
    if (got !== should) problems.push(`${c.path}: expected ${should}, got ${got}`);
    if (got === "allowed") figures.replayedAllowed++;
    figures.replayedRequests++;
  }
  for (const c of apiCases(fx, { everyCommand: false }).filter((a) => a.route.startsWith("GET "))) {
    const should = shouldAnswer(c, replayed);
    const status = await page.evaluate(async (path) => (await fetch(path)).status, c.path);
    const got = gotOf(status, null);
    if (got !== should) problems.push(`${c.label}: expected ${should}, got ${got} (${status})`);
    if (got === "allowed") figures.replayedAllowed++;
    figures.replayedRequests++;
  }
  for (const action of serverActions().filter((a) => a.permission !== null)) {
    const should = expected(principalRole(replayed, "action"), [action.permission!]);
    const path = postingPage(action, paramsOf(fx));
    const input = await ACTION_INPUTS[action.name]!(fx);
    // Posted by the page's own fetch, as React posts it: same origin, the browser's cookies (the replayed one).
    const text = await page.evaluate(
      async ({ path, id, body }) =>
        (
          await fetch(path, {
            method: "POST",
            headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
            body,
          })
        ).text(),
      { path, id: action.id, body: JSON.stringify([input]) },
    );
    const got = gateOf({ status: 200, text, result: actionResult(text) });
    if (got !== should) problems.push(`${action.name}: expected ${should}, got ${got}`);
    if (got === "allowed") figures.replayedAllowed++;
    figures.replayedRequests++;
  }
  await context.close();
  const tables = moved(before, await writeMarks(fresh.db));

  report("security-sessions", { ...figures, offSiteRedirects: offSite.length, writes: tables.length });
  expect(problems).toEqual([]);
  expect(offSite).toEqual([]);
  expect(tables).toEqual([]);
});

test("server actions posted from another origin are refused before they run, and no other site may frame a page", async () => {
  const admin = headersOf(callers(fresh.tokens).find((c) => c.label === "session:admin")!);
  const before = await writeMarks(fresh.db);
  const ran: string[] = [];
  let posts = 0;
  for (const action of serverActions().filter((a) => a.permission !== null)) {
    const path = postingPage(action, paramsOf(fx));
    const input = await ACTION_INPUTS[action.name]!(fx);
    for (const origin of ["http://evil.example", "null"]) {
      const answer = await postAction(app.baseUrl, path, action.id, input, { ...admin, origin });
      posts++;
      if (answer.result !== null || answer.status < 400) ran.push(`${action.name} from ${origin}: ${answer.status}`);
    }
    // The form post a page on another site could make without script (no custom header, no preflight).
    const form = new FormData();
    form.set(`$ACTION_ID_${action.id}`, "");
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) form.set(key, String(value));
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { ...admin, origin: "http://evil.example" },
      body: form,
    });
    posts++;
    if (response.status < 400) ran.push(`${action.name} as a cross-site form: ${response.status}`);
  }
  const tables = moved(before, await writeMarks(fresh.db));

  // Another site framing our pages (to have someone click through an invisible page): the browser refuses.
  browser ??= await launchChromium();
  const framer = await browser.newPage();
  const framedPaths = ["/sign-in", `/accounts/${fx.accountId}`];
  await framer.setContent(framedPaths.map((p) => `<iframe src="${app.baseUrl}${p}"></iframe>`).join(""));
  await framer.waitForLoadState("load");
  const framed = (
    await Promise.all(
      framer
        .frames()
        .slice(1)
        .map((f) => f.evaluate(() => location.href)),
    )
  ).filter((href) => href.startsWith(app.baseUrl));
  await framer.close();

  report("security-cross-origin", {
    posts,
    refused: posts - ran.length,
    ran: ran.length,
    writes: tables.length,
    framings: framedPaths.length,
    framed: framed.length,
  });
  expect(ran).toEqual([]);
  expect(tables).toEqual([]);
  expect(framed).toEqual([]);
});

test("SQL metacharacters in every filter, search and id are text: no 500, no database words, sane results", async () => {
  const payloads = sized(SQL_PAYLOADS.short, [...SQL_PAYLOADS.short, ...SQL_PAYLOADS.more]);
  const finance = headersOf(callers(fresh.tokens).find((c) => c.label === "session:finance")!);
  const before = await writeMarks(fresh.db);
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const requests = sqlTargets(fx).flatMap((target) => payloads.map((payload) => ({ target, payload })));
  const check = async ({ target, payload }: { target: string; payload: string }) => {
    const path = target.replace("{}", encodeURIComponent(payload));
    const response = await fetch(`${app.baseUrl}${path}`, { headers: finance, redirect: "manual" });
    const text = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 400) errorBodies.push(text);
    if (response.status >= 500) problems.push(`${path}: ${response.status}`);
    if (LEAK.test(text)) problems.push(`${path}: the answer shows ${LEAK.exec(text)![0]}`);
    // Nothing in the fixture holds these characters: a match would mean the payload was read as a pattern or as SQL.
    if (target.startsWith("/search?") && !text.includes("Nothing matches")) problems.push(`${path}: found something`);
    if (/\/timeline\?(actor|appVersion|correlationId)=/.test(target) && response.status === 200) {
      const entries = ((JSON.parse(text) as { entries: unknown[] }).entries ?? []).length;
      if (entries > 0) problems.push(`${path}: ${entries} entries`);
    }
    if (/\/export\?format=csv&(actor|appVersion|correlationId)=/.test(target) && response.status === 200) {
      const rows = text.trim().split("\r\n").length - 1;
      if (rows > 0) problems.push(`${path}: ${rows} rows`);
    }
  };
  // A few at a time, as several people would search at once.
  for (let i = 0; i < requests.length; i += 4) await Promise.all(requests.slice(i, i + 4).map(check));
  const tables = moved(before, await writeMarks(fresh.db));
  report("security-sql", {
    targets: sqlTargets(fx).length,
    payloads: payloads.length,
    requests: requests.length,
    answers: [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}x${n}`)
      .join("/"),
    problems: problems.length,
    writes: tables.length,
  });
  expect(problems).toEqual([]);
  expect(tables).toEqual([]);
});

test("in Chromium, hostile text in events, names, filters and searches stays text: no script runs, no element appears", async () => {
  const hostile = await writeHostile(app.baseUrl, fresh, WEBHOOK_SECRET);
  Object.assign(madeTokens, {
    "hostile reader token": hostile.readerToken,
    "hostile service token": hostile.serviceToken,
    "hostile operator token": hostile.operatorToken,
  });
  // Both read models the pages use have every hostile event, and the verification has been recorded.
  await settle(fresh.db, app.baseUrl, fresh.tokens.admin);
  await caughtUp();
  browser ??= await launchChromium();
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await signInWithToken(page, app.baseUrl, hostile.readerToken);
  await page.getByTestId("signed-in-as").waitFor();
  const problems: string[] = [];
  const list = visits(hostile);
  for (const visit of list) {
    await page.goto(`${app.baseUrl}${visit.path}`);
    await settledPage(page);
    const found = await inspect(page, visit.shows);
    const { missing, ...elements } = found;
    if (Object.values(elements).some((v) => v !== null && v !== 0)) {
      problems.push(`${visit.path}: ${JSON.stringify(elements)}`);
    }
    if (missing.length > 0) problems.push(`${visit.path}: does not show ${JSON.stringify(missing)}`);
  }
  await context.close();
  report("security-inert", {
    pages: list.length,
    payloads: Object.keys(PAYLOADS).length,
    shownAsText: list.reduce((n, v) => n + v.shows.length, 0),
    dialogs: dialogs.length,
    problems: problems.length,
  });
  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
});

test("the billing webhook refuses bad and stale signatures, and a replayed delivery lands once", async () => {
  const now = Math.floor(Date.now() / 1000);
  const delivery = (id: string, amount: number) =>
    JSON.stringify({
      id,
      type: "payment.succeeded",
      created: now,
      data: { invoiceId: fx.invoiceId, amount, currency: "USD", providerRef: `ch_${id}` },
    });
  const deliver = async (body: string, signature?: string) => {
    const response = await fetch(`${app.baseUrl}/api/webhooks/billing`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature ? { "ledgerline-signature": signature } : {}) },
      body,
    });
    const text = await response.text();
    if (response.status >= 400) errorBodies.push(text);
    return { status: response.status, text, replayed: response.headers.get("idempotent-replayed") === "true" };
  };

  const first = delivery("evt_rel_first", 100);
  const signature = signed(WEBHOOK_SECRET, first);
  const beforeFirst = await writeMarks(fresh.db);
  const accepted = await deliver(first, signature);
  expect(accepted.status, accepted.text).toBe(200);
  expect(moved(beforeFirst, await writeMarks(fresh.db))).toContain("events");

  const other = delivery("evt_rel_other", 100);
  const refusals: [string, string, string | undefined, string][] = [
    ["no signature", other, undefined, "SIGNATURE_MISSING"],
    ["a malformed signature", other, "sha256=00", "SIGNATURE_INVALID"],
    ["signed with another secret", other, signed(`${WEBHOOK_SECRET}x`, other), "SIGNATURE_INVALID"],
    ["a body changed after signing", first.replace('"amount":100', '"amount":100000'), signature, "SIGNATURE_INVALID"],
    ["signed six minutes ago", other, signed(WEBHOOK_SECRET, other, now - 360), "SIGNATURE_EXPIRED"],
    ["signed six minutes ahead", other, signed(WEBHOOK_SECRET, other, now + 360), "SIGNATURE_EXPIRED"],
  ];
  const beforeRefusals = await writeMarks(fresh.db);
  const wrong: string[] = [];
  for (const [what, body, sig, code] of refusals) {
    const answer = await deliver(body, sig);
    if (answer.status !== 401 || !answer.text.includes(`"${code}"`))
      wrong.push(`${what}: ${answer.status} ${answer.text}`);
  }
  const refusedWrites = moved(beforeRefusals, await writeMarks(fresh.db));

  // The provider retries, some at once: every retry gets the first answer, nothing more is applied.
  const beforeReplays = await writeMarks(fresh.db);
  const replays = await Promise.all([1, 2, 3].map(() => deliver(first, signature)));
  const reused = await deliver(delivery("evt_rel_first", 200), signed(WEBHOOK_SECRET, delivery("evt_rel_first", 200)));
  const afterReplays = await writeMarks(fresh.db);
  const replaysApplied = afterReplays.events === beforeReplays.events ? 0 : 1;

  report("security-webhook", {
    refusals: refusals.length,
    wronglyAnswered: wrong.length,
    writesByRefused: refusedWrites.length,
    replays: replays.length,
    replaysAnsweredAsFirst: replays.filter((r) => r.status === 200 && r.replayed && r.text === accepted.text).length,
    replaysApplied,
    reusedIdRefused: reused.status === 422,
  });
  expect(wrong).toEqual([]);
  expect(refusedWrites).toEqual([]);
  expect(replays.map((r) => ({ status: r.status, replayed: r.replayed, same: r.text === accepted.text }))).toEqual(
    replays.map(() => ({ status: 200, replayed: true, same: true })),
  );
  expect(reused.text).toContain("IDEMPOTENCY_KEY_REUSED");
  expect(replaysApplied).toBe(0);
});

const ROLES_AND_REVOKED = ["support", "finance", "admin", "service", "revoked"] as const;

test("no token, password or secret reaches the logs, an error answer or the client bundle", async () => {
  const secrets: Record<string, string> = {
    ...Object.fromEntries(ROLES_AND_REVOKED.map((role) => [`${role} token`, fresh.tokens[role]])),
    ...Object.fromEntries(Object.entries(fresh.tokens.sessions).map(([name, secret]) => [`${name} session`, secret])),
    "second admin token": fx.askerToken,
    ...madeTokens,
    WEBHOOK_SECRET,
    "database password": DB_PASSWORD,
  };
  // What only server modules hold: if one turned up in the browser's code, a server module was bundled for it.
  const markers = [
    DEMO_WEBHOOK_SECRET,
    SESSION_COOKIE,
    ...DEMO_TOKEN_HOLDERS.map((h) => h.token),
    "DATABASE_URL",
    "WEBHOOK_SECRET",
    "pg_snapshot_xmin",
    "pg_advisory_xact_lock",
    "token_hash",
    "PrismaClient",
  ];
  const logs = app.output.join("\n");
  const bundle = filesUnder(path.join(root, ".next", "static")).map((file) => fs.readFileSync(file, "latin1"));
  const found = [
    ...Object.entries(secrets).flatMap(([name, value]) => [
      ...(logs.includes(value) ? [`${name} in the app's output`] : []),
      ...(errorBodies.some((body) => body.includes(value)) ? [`${name} in an error answer`] : []),
      ...(bundle.some((code) => code.includes(value)) ? [`${name} in the client bundle`] : []),
    ]),
    ...markers.filter((marker) => bundle.some((code) => code.includes(marker))).map((m) => `${m} in the client bundle`),
    ...echoes.map((e) => `the caller's token in the answer to ${e}`),
  ];
  report("security-secrets", {
    secrets: Object.keys(secrets).length,
    serverMarkers: markers.length,
    logLines: app.output.length,
    errorAnswers: errorBodies.length,
    bundleFiles: bundle.length,
    bundleKiB: Math.round(bundle.reduce((n, code) => n + code.length, 0) / 1024),
    found: found.length,
  });
  expect(app.output.length).toBeGreaterThan(0);
  expect(errorBodies.length).toBeGreaterThan(0);
  expect(bundle.length).toBeGreaterThan(0);
  expect(found).toEqual([]);
});
