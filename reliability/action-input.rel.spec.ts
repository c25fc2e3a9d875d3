/**
 * Bad input against every server action of the build (the API routes are
 * bad-input.rel.spec.ts's): fast-check posts made from each action's valid
 * input (reliability/harness/action-posts.ts), by an admin session, which may
 * run them all. Never a 5xx or no answer; an action that ran answers with
 * data, validation errors or a serverError in the app's vocabulary (never
 * INTERNAL, no error row, no "unexpected error" in the app's log); a post
 * that was refused, or an action that did not succeed, writes nothing (every
 * table fingerprinted before and after); the log is whole afterwards.
 * Sign-out gets only the posts that never decode into a call (run, it would
 * end the admin's session the others are posted with). The short
 * profile uses a fixed seed; RELIABILITY_SEED replays one.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type ActionPost, actionPosts, type PlannedPost, UNDECODABLE } from "./harness/action-posts";
import { settle } from "./harness/fuzz-fixtures";
import { send } from "./harness/http";
import { checkLog } from "./harness/log-checks";
import { type App, startApp } from "./harness/processes";
import { cluster, type Fresh, freshDatabase, fuzzSeed, profile, report, sized } from "./harness/suite";
import { changedTables, fingerprint, fingerprintQuery } from "./harness/write-fingerprint";
import { ACTION_INPUTS } from "./security/action-inputs";
import { type ActionAnswer, postActionBody } from "./security/actions";
import { callers, headersOf } from "./security/callers";
import { createFixture, paramsOf } from "./security/fixture";
import { postingPage, serverActions } from "./security/surface";

const PER_ACTION = sized(40, 400);
const SEED = fuzzSeed(20261212);

let fresh: Fresh;
let app: App;
let client: pg.Client;

beforeAll(async () => {
  fresh = await freshDatabase("action_input");
  app = await startApp(fresh.url);
  client = new pg.Client({ connectionString: fresh.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await app?.stop();
  await fresh?.close();
});

type Outcome = "data" | "validation" | "refused by the action" | "refused by HTTP" | "page" | "problem";

/** What an answer is, or why it is a problem. */
function judge(post: ActionPost, answer: ActionAnswer): { outcome: Outcome; problem?: string } {
  if (answer.status >= 500) return { outcome: "problem", problem: `answered ${answer.status}` };
  if (answer.status >= 400) return { outcome: "refused by HTTP" };
  const result = answer.result;
  if (!post.fetch) return { outcome: "page" }; // a form post without JavaScript gets the page back
  if (UNDECODABLE.includes(post.kind)) return { outcome: "problem", problem: "an undecodable post ran" };
  if (!result) return { outcome: "problem", problem: "no result (an error row?)" };
  if (result.validationErrors !== undefined) return { outcome: "validation" };
  const error = result.serverError;
  if (error) {
    // The vocabulary: lib/errors.ts, the domain's rule codes, VERSION_CONFLICT; INTERNAL is a crash.
    const ours = /^[A-Z][A-Z0-9_]+$/.test(error.code) && error.code !== "INTERNAL" && typeof error.message === "string";
    return ours ? { outcome: "refused by the action" } : { outcome: "problem", problem: `serverError ${error.code}` };
  }
  return { outcome: "data" };
}

test("bad input on every server action: never a 5xx or a crash, nothing written unless it succeeded", async () => {
  const fx = await createFixture(app.baseUrl, fresh);
  await settle(app.baseUrl, fresh.tokens.admin, client);
  const admin = callers(fresh.tokens).find((c) => c.via === "cookie" && c.role === "admin" && c.live)!;
  const actions = serverActions();
  const guarded = actions.filter((a) => a.permission !== null);
  // Every guarded action has a valid input to start from (a new one must be given one).
  expect(guarded.map((a) => a.name).sort()).toEqual(Object.keys(ACTION_INPUTS).sort());

  console.log(`[reliability:${profile()}] action-input: seed=${SEED} (replay with RELIABILITY_SEED=${SEED})`);
  const plan: { action: (typeof actions)[number]; post: PlannedPost }[] = [];
  for (const [i, action] of actions.entries()) {
    const valid = action.permission ? await ACTION_INPUTS[action.name]!(fx) : {};
    // Sign-in takes any post (a FormData of its form or nothing); sign-out, run, would end the admin's session.
    const anyPost = action.permission !== null || action.name === "signIn";
    const arbitrary = actionPosts(action.id, valid).filter(
      (p) => anyPost || (typeof p !== "function" && UNDECODABLE.includes(p.kind)),
    );
    const n = anyPost ? PER_ACTION : 3;
    for (const post of fc.sample(arbitrary, { seed: SEED + i, numRuns: n })) plan.push({ action, post });
  }

  const query = await fingerprintQuery(cluster(), fresh.name);
  const eventsBefore = (await checkLog(fresh.db)).events;
  const problems: string[] = [];
  const outcomes: Record<Outcome, number> = {
    data: 0,
    validation: 0,
    "refused by the action": 0,
    "refused by HTTP": 0,
    page: 0,
    problem: 0,
  };
  const byKind = new Map<string, number>();
  let partialWrites = 0;
  let last = await fingerprint(client, query);
  for (const [i, { action, post: planned }] of plan.entries()) {
    const post = typeof planned === "function" ? await planned() : planned;
    byKind.set(post.kind, (byKind.get(post.kind) ?? 0) + 1);
    const page = postingPage(action, paramsOf(fx));
    const headers = {
      ...headersOf(admin),
      ...(post.contentType !== undefined && { "content-type": post.contentType }),
    };
    const logLines = app.output.length;
    const bodyText = typeof post.body === "string" ? post.body : new TextDecoder().decode(post.body);
    const what = `#${i} ${action.name} [${post.kind}: ${post.label}] ${JSON.stringify(bodyText.slice(0, 160))}`;
    let answer: ActionAnswer;
    try {
      answer = post.fetch
        ? await postActionBody(app.baseUrl, page, action.id, post.body, headers)
        : { ...(await send(app.baseUrl, { method: "POST", path: page, headers, body: bodyText })), result: null };
    } catch (error) {
      outcomes.problem++;
      problems.push(`no answer: ${what}: ${(error as Error).message}`);
      last = await fingerprint(client, query);
      continue;
    }
    let { outcome, problem } = judge(post, answer);
    const crashed = app.output.slice(logLines).find((line) => /unexpected error/.test(line));
    if (crashed && !problem) [outcome, problem] = ["problem", `the app logged: ${crashed.slice(0, 200)}`];
    outcomes[outcome]++;
    const answered = `${what} → ${answer.status} ${answer.text.slice(0, 240)}`;
    if (problem) problems.push(`${problem}: ${answered}`);
    if (outcome === "data" || outcome === "page") {
      // It may have done its work (a form post's result is not in its answer): wait for what it started.
      await settle(app.baseUrl, fresh.tokens.admin, client);
      last = await fingerprint(client, query);
      continue;
    }
    const after = await fingerprint(client, query);
    const written = changedTables(last, after);
    if (written.length > 0) {
      partialWrites++;
      problems.push(`refused but wrote ${written.join(", ")}: ${answered}`);
    }
    last = after;
  }
  const log = await checkLog(fresh.db);

  report("action-input", {
    seed: String(SEED),
    actions: actions.length,
    posts: plan.length,
    ...Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [k.replaceAll(" ", "_"), v])),
    partialWrites,
    ...Object.fromEntries([...byKind].map(([k, v]) => [`kind_${k}`, v])),
    eventsWrittenBySuccesses: log.events - eventsBefore,
    versionGaps: log.versionGaps,
    brokenChains: log.brokenChains,
  });
  if (problems.length > 0) console.log(`[action-input] the app's last lines:\n${app.tail(80)}`);
  expect(problems.slice(0, 10)).toEqual([]);
  expect(new Set(plan.map((p) => p.action.name)).size).toBe(actions.length);
  // Every kind was sent, and the valid posts reached the actions' own decisions.
  expect([...byKind.keys()].sort()).toEqual(["arity", "content-type", "encoding", "form", "input", "oversize"]);
  expect(outcomes.data).toBeGreaterThan(0);
  expect(outcomes["refused by the action"]).toBeGreaterThan(0);
  expect(outcomes.validation).toBeGreaterThan(0);
  expect(log).toMatchObject({ versionGaps: 0, brokenChains: 0, missedByReadAll: 0 });
});
