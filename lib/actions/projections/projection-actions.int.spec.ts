import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { Principal } from "@/lib/auth/permissions";
import type { ProjectionRunner } from "@/lib/projections/runner";
import { startProjector } from "@/lib/server/projector";
import { type ApiHarness, createApiHarness } from "@/lib/testing/api-harness";
import { eventually } from "@/lib/testing/eventually";

// The action layer reads the signed-in person from the session cookie and the process runtime: stand both in.
const session = vi.hoisted(() => ({ principal: null as Principal | null, runtime: null as unknown }));
vi.mock("@/lib/auth/session", () => ({ currentPrincipal: async () => session.principal }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/server/runtime", async (original) => ({
  ...(await original<typeof import("@/lib/server/runtime")>()),
  getRuntime: async () => session.runtime,
}));

const { pauseProjection } = await import("./pause-projection");
const { resumeProjection } = await import("./resume-projection");
const { rebuildProjection } = await import("./rebuild-projection");
const { retryProjection } = await import("./retry-projection");
const { skipProjectionEvent } = await import("./skip-projection-event");
const { runConsistencyCheck } = await import("./run-consistency-check");
const { verifyChain } = await import("./verify-chain");
const { verificationFinished } = await import("@/lib/operations/chain-verification");

const person = (role: Principal["role"]): Principal => ({ type: "user", id: `${role}-user`, role, name: role });
const as = (role: Principal["role"] | null) => {
  session.principal = role ? person(role) : null;
};

let api: ApiHarness;
let runner: ProjectionRunner;
const eventCount = async () =>
  Number((await api.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n);
const operations = async () => api.runtime.store.readStream("operations-console");
const status = async (name: string) =>
  (
    await api.db.prisma.$queryRaw<{ status: string }[]>`SELECT status FROM projection_checkpoints WHERE name = ${name}`
  )[0]?.status;
const openAccount = async (name: string) => {
  const res = await api.command("OpenAccount", { body: { name, billingEmail: "ap@example.test", currency: "EUR" } });
  expect(res.status, res.text).toBe(200);
  return res.body as { accountId: string; position: number };
};
const caughtUp = (name: string, position: number) =>
  eventually(
    async () => {
      const [row] = await api.db.prisma.$queryRaw<{ position: bigint }[]>`
        SELECT position FROM projection_checkpoints WHERE name = ${name}`;
      expect(Number(row?.position ?? 0)).toBeGreaterThanOrEqual(position);
    },
    { timeoutMs: 20_000 },
  );

/** A real projection poisoned the way a bad deployment would: its table refuses one account's row. */
const poison = (name: string) =>
  api.db.prisma.$executeRawUnsafe(
    `ALTER TABLE rm_account_summary ADD CONSTRAINT poisoned CHECK (name <> '${name}') NOT VALID`,
  );
const cure = () => api.db.prisma.$executeRawUnsafe(`ALTER TABLE rm_account_summary DROP CONSTRAINT poisoned`);

beforeAll(async () => {
  api = await createApiHarness();
  session.runtime = api.runtime;
  runner = await startProjector(api.runtime, { pollMs: 50, log: () => undefined });
  const { position } = await openAccount("First Ltd");
  await caughtUp("account-summary", position);
});
afterAll(async () => {
  await runner?.stop();
  await api?.drop();
});
beforeEach(() => as("admin"));

describe("every console action refuses support, finance and the signed-out, writing nothing", () => {
  const input = { projection: "invoices", reason: "checking the refusal" };
  const calls = {
    pauseProjection: () => pauseProjection(input),
    resumeProjection: () => resumeProjection(input),
    rebuildProjection: () => rebuildProjection(input),
    retryProjection: () => retryProjection(input),
    skipProjectionEvent: () => skipProjectionEvent(input),
    runConsistencyCheck: () => runConsistencyCheck({ reason: "checking the refusal", sample: 5 }),
    verifyChain: () => verifyChain({ scope: "all", reason: "checking the refusal" }),
  };
  for (const [name, call] of Object.entries(calls)) {
    test(name, async () => {
      const before = await eventCount();
      for (const role of ["support", "finance"] as const) {
        as(role);
        const result = await call();
        expect(result.serverError).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(role) });
        expect(result.data).toBeUndefined();
      }
      as(null);
      expect((await call()).serverError).toMatchObject({ code: "UNAUTHORIZED" });
      expect(await eventCount()).toBe(before);
      expect(await status("invoices")).toBe("running");
    });
  }
});

describe("an admin's operation is recorded (who, when, why, from where) and performed", () => {
  test("pause, then resume; a refused one records nothing", async () => {
    const paused = await pauseProjection({ projection: "invoices", reason: "maintenance window" });
    expect(paused.serverError).toBeUndefined();
    expect(paused.data).toMatchObject({ status: "paused", recorded: { streamId: "operations-console" } });
    expect(await status("invoices")).toBe("paused");
    const [event] = (await operations()).slice(-1);
    expect(event).toMatchObject({
      type: "ProjectionPaused",
      accountId: "operations-console",
      data: { projection: "invoices", reason: "maintenance window" },
      metadata: {
        actor: { type: "user", id: "admin-user", role: "admin" },
        source: "ui",
        reason: "maintenance window",
      },
    });

    const before = await eventCount();
    const again = await pauseProjection({ projection: "invoices", reason: "twice" });
    expect(again.serverError).toMatchObject({ code: "PROJECTION_NOT_RUNNING" });
    expect(await eventCount()).toBe(before);

    expect((await resumeProjection({ projection: "invoices", reason: "window over" })).data).toMatchObject({
      status: "running",
    });
    expect((await operations()).at(-1)).toMatchObject({ type: "ProjectionResumed" });
  });

  test("bad input is refused with a message before anything is written", async () => {
    const before = await eventCount();
    const short = await pauseProjection({ projection: "invoices", reason: "x" });
    expect(short.validationErrors?.fieldErrors.reason?.[0]).toMatch(/at least 3 characters/);
    const unknown = await pauseProjection({ projection: "nope", reason: "a good reason" });
    expect(unknown.serverError).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining('"nope"') });
    expect(await eventCount()).toBe(before);
  });

  test("rebuild: recorded, then rebuilt in shadow tables and swapped", async () => {
    const rebuilt = await rebuildProjection({ projection: "account-timeline", reason: "renderer fix" });
    expect(rebuilt.data).toMatchObject({ rebuildRequested: true });
    expect((await operations()).at(-1)).toMatchObject({
      type: "ProjectionRebuildRequested",
      data: { projection: "account-timeline", reason: "renderer fix" },
    });
    await eventually(
      async () => {
        const [row] = await api.db.prisma.$queryRaw<{ status: string; rebuilt_at: Date | null }[]>`
          SELECT status, rebuilt_at FROM projection_checkpoints WHERE name = 'account-timeline'`;
        expect(row).toMatchObject({ status: "running", rebuilt_at: expect.any(Date) });
      },
      { timeoutMs: 20_000 },
    );
    // Its chart counts what the rebuild applied.
    const [row] = await api.db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT coalesce(sum(events), 0) AS n FROM projection_throughput WHERE projection = 'account-timeline'`;
    expect(Number(row!.n)).toBeGreaterThan((await eventCount()) - 5);
  });

  test("a poisoned projection: retry after the fix, skip with a reason", async () => {
    await poison("Poisoned Ltd");
    const { position } = await openAccount("Poisoned Ltd");
    await eventually(async () => expect(await status("account-summary")).toBe("failed"), { timeoutMs: 20_000 });
    await cure();
    const retried = await retryProjection({ projection: "account-summary", reason: "constraint dropped" });
    expect(retried.data).toMatchObject({ status: "running" });
    expect((await operations()).at(-1)).toMatchObject({
      type: "ProjectionRetried",
      data: { projection: "account-summary", position },
    });
    await caughtUp("account-summary", position);

    await poison("Skipped Ltd");
    const skipped = await openAccount("Skipped Ltd");
    await eventually(async () => expect(await status("account-summary")).toBe("failed"), { timeoutMs: 20_000 });
    await cure();
    const skip = await skipProjectionEvent({ projection: "account-summary", reason: "test account, not needed" });
    expect(skip.data).toMatchObject({ skippedPosition: skipped.position, status: "running" });
    expect((await operations()).at(-1)).toMatchObject({
      type: "ProjectionEventSkipped",
      data: { position: skipped.position, eventType: "AccountOpened", error: expect.stringContaining("poisoned") },
    });
    const [skipRow] = await api.db.prisma.$queryRaw<{ skipped_by: string; reason: string }[]>`
      SELECT skipped_by, reason FROM projection_skips WHERE position = ${skipped.position}`;
    expect(skipRow).toEqual({ skipped_by: "user:admin-user", reason: "test account, not needed" });
  });

  test("a consistency check records what it found and names each difference", async () => {
    const { accountId, position } = await openAccount("Checked Ltd");
    await caughtUp("account-summary", position);
    await api.db.prisma
      .$executeRaw`UPDATE rm_account_summary SET account_status = 'closed' WHERE account_id = ${accountId}`;
    const check = await runConsistencyCheck({ reason: "after the incident", accountId });
    expect(check.data).toMatchObject({
      consistent: false,
      differenceCount: 1,
      differences: [
        { projection: "account-summary", key: accountId, field: "account_status", expected: "open", actual: "closed" },
      ],
    });
    expect((await operations()).at(-1)).toMatchObject({
      type: "ConsistencyCheckRun",
      data: { accountId, differences: 1, sample: "all", projections: ["account-summary", "invoices"] },
    });
  });
});

describe("hash-chain verification", () => {
  test("of the whole log, with progress chunk by chunk, recorded when done", async () => {
    const { startChainVerification, readVerificationJob } = await import("@/lib/operations/chain-verification");
    const job = await startChainVerification(api.runtime, {
      scope: "all",
      reason: "quarterly audit",
      principal: person("admin"),
      source: "ui",
      requestId: "req-verify",
      chunkSize: 2,
    });
    expect(job).toMatchObject({ status: "running", streamsChecked: 0 });
    const seen = new Set<number>();
    while (readVerificationJob(job.id).status === "running") {
      seen.add(readVerificationJob(job.id).streamsChecked);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const done = readVerificationJob(job.id);
    expect(done).toMatchObject({ status: "done", problemCount: 0, problems: [], etaSeconds: 0 });
    expect(done.streamsChecked).toBeGreaterThanOrEqual(job.streamsTotal);
    // Progress moved in steps a poller can see, not all at once.
    expect(seen.size).toBeGreaterThan(2);
    expect((await operations()).at(-1)).toMatchObject({
      type: "ChainVerified",
      position: done.recordedPosition,
      data: { scope: "all", problems: 0, firstProblem: null, streamsChecked: done.streamsChecked },
      metadata: { requestId: "req-verify" },
    });
  });

  test("of one stream, naming its first broken link", async () => {
    const { accountId } = await openAccount("Tampered Ltd");
    await api.db.sqlTransaction(async (s) => {
      await s.exec("SET LOCAL session_replication_role = replica");
      await s.exec(`UPDATE events SET data = data || '{"currency":"USD"}' WHERE stream_id = 'account-${accountId}'`);
    });
    const started = await verifyChain({ scope: `account-${accountId}`, reason: "looks wrong" });
    const done = await verificationFinished(started.data!.id);
    expect(done).toMatchObject({ status: "done", streamsChecked: 1, eventsChecked: 1, problemCount: 1 });
    expect(done.problems[0]).toMatchObject({ streamId: `account-${accountId}`, version: 1 });
    expect((await operations()).at(-1)).toMatchObject({
      type: "ChainVerified",
      data: {
        scope: `account-${accountId}`,
        problems: 1,
        firstProblem: { streamId: `account-${accountId}`, version: 1 },
      },
    });
    expect((await verifyChain({ scope: "account-nobody", reason: "typo" })).serverError).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
