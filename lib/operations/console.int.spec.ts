import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { projectionConsoleEndpoint, verificationsEndpoint } from "@/lib/api/console-endpoints";
import { projectionActionEndpoint } from "@/lib/api/projections-endpoint";
import { readThroughput, recordThroughput } from "@/lib/projections/throughput";
import { type ApiHarness, createApiHarness, TOKENS } from "@/lib/testing/api-harness";

let api: ApiHarness;
const deps = () => ({ runtime: async () => api.runtime });
const eventCount = async () =>
  Number((await api.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n);
const act = async (name: string, action: string, body: unknown, token: string) => {
  const res = await projectionActionEndpoint(deps())(
    new Request(`http://ledgerline.test/api/projections/${name}/${action}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ name, action }) },
  );
  return { status: res.status, body: await res.json() };
};
const checkpoint = (name: string) =>
  api.db.prisma
    .$executeRaw`INSERT INTO projection_checkpoints (name, version) VALUES (${name}, 1) ON CONFLICT DO NOTHING`;

beforeAll(async () => {
  api = await createApiHarness();
  for (const name of ["account-summary", "invoices"]) await checkpoint(name);
});
afterAll(async () => api?.drop());

describe("the HTTP API records the same operations as the console", () => {
  test("support and finance are refused with nothing written; an admin's pause is recorded with source api", async () => {
    const before = await eventCount();
    for (const token of [TOKENS.support, TOKENS.finance, TOKENS.service]) {
      expect((await act("invoices", "pause", { reason: "not mine to do" }, token)).status).toBe(403);
    }
    expect(await eventCount()).toBe(before);
    const paused = await act("invoices", "pause", {}, TOKENS.admin);
    expect(paused).toMatchObject({
      status: 200,
      body: { status: "paused", recorded: { streamId: "operations-console" } },
    });
    const [event] = await api.runtime.store.readStream("operations-console");
    expect(event).toMatchObject({
      type: "ProjectionPaused",
      data: { projection: "invoices", reason: "no reason given (API)" },
      metadata: { source: "api", actor: { id: "admin-user", role: "admin" } },
    });
    // A skip must say why; a refused operation writes nothing.
    expect((await act("invoices", "skip", {}, TOKENS.admin)).status).toBe(400);
    expect((await act("invoices", "retry", { reason: "try again" }, TOKENS.admin)).body).toMatchObject({
      error: "PROJECTION_NOT_FAILED",
    });
    expect(await eventCount()).toBe(before + 1);
  });

  test("a rebuild of a projection that has not started yet is refused, and nothing is recorded", async () => {
    // No checkpoint: no runner has taken revenue-movements up in this database.
    const before = await eventCount();
    const res = await act("revenue-movements", "rebuild", { reason: "rebuild it" }, TOKENS.admin);
    expect(res).toMatchObject({ status: 422, body: { error: "PROJECTION_REBUILDING" } });
    expect(await eventCount()).toBe(before);
  });

  test("one account's rebuild in a projection that has not started, or is being rebuilt in full, is a 422", async () => {
    const notStarted = await act("revenue-movements", "rebuild", { accountId: "acme" }, TOKENS.admin);
    expect(notStarted).toMatchObject({ status: 422, body: { error: "PROJECTION_NOT_STARTED" } });
    await api.db.prisma
      .$executeRaw`UPDATE projection_checkpoints SET status = 'rebuilding' WHERE name = 'account-summary'`;
    try {
      const rebuilding = await act("account-summary", "rebuild", { accountId: "acme" }, TOKENS.admin);
      expect(rebuilding).toMatchObject({ status: 422, body: { error: "PROJECTION_REBUILDING" } });
    } finally {
      await api.db.prisma
        .$executeRaw`UPDATE projection_checkpoints SET status = 'running' WHERE name = 'account-summary'`;
    }
  });

  test("the generic command API refuses an operation's command (it would record without performing)", async () => {
    const res = await api.command("PauseProjection", { body: { projection: "invoices", reason: "sneaky" } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("recorded when the operation is performed");
  });

  test("starting a verification needs operate and a reason; the console lists it", async () => {
    const post = (body: unknown, token: string) =>
      verificationsEndpoint(deps()).POST(
        new Request("http://ledgerline.test/api/integrity/verifications", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    expect((await post({ scope: "all", reason: "audit" }, TOKENS.finance)).status).toBe(403);
    const bad = await post({ scope: "all" }, TOKENS.admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0]).toMatchObject({ path: "body.reason" });
    const started = await post({ scope: "all", reason: "audit" }, TOKENS.admin);
    expect(started.status).toBe(202);
    const job = await started.json();
    const console = await projectionConsoleEndpoint(deps())(
      new Request("http://ledgerline.test/api/projections/console", {
        headers: { authorization: `Bearer ${TOKENS.support}` },
      }),
    );
    expect(console.status).toBe(200);
    const body = await console.json();
    expect(body.verifications.map((j: { id: string }) => j.id)).toContain(job.id);
    // (The job may already have finished and recorded ChainVerified on top: look for the earlier pause.)
    expect(body.history).toContainEqual(
      expect.objectContaining({ type: "ProjectionPaused", actor: "Admin-user (admin)" }),
    );
    expect(body.projections.map((p: { name: string }) => p.name)).toContain("invoices");
    expect(body.throughput.invoices).toHaveLength(60);
  });
});

describe("throughput per 10-second bucket", () => {
  test("counts committed batches only, as events per second, and keeps an hour", async () => {
    await api.db.prisma.$transaction(async (tx) => {
      await recordThroughput(tx, "chart-test", 20);
      await recordThroughput(tx, "chart-test", 5);
    });
    await api.db.prisma
      .$transaction(async (tx) => {
        await recordThroughput(tx, "chart-test", 1000);
        throw new Error("the batch failed");
      })
      .catch(() => undefined);
    const series = (await readThroughput(api.db.prisma, ["chart-test"]))["chart-test"]!;
    expect(series).toHaveLength(60);
    expect(series.at(-1)).toMatchObject({ events: 25, perSecond: 2.5 });
    expect(series.slice(0, -1).every((p) => p.events === 0)).toBe(true);

    await api.db.prisma.$executeRaw`
      INSERT INTO projection_throughput (projection, bucket, events) VALUES ('old-test', now() - interval '2 hours', 7)`;
    await api.db.prisma.$transaction((tx) => recordThroughput(tx, "old-test", 1));
    const [left] = await api.db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM projection_throughput WHERE projection = 'old-test'`;
    expect(Number(left!.n)).toBe(1);
  });
});
