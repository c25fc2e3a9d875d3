import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCommand } from "@/lib/automation/issue-command";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { logConsumers, startProjector } from "@/lib/server/projector";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { eventually } from "@/lib/testing/eventually";
import { projectionAdmin } from "./admin";
import { tableChecksum } from "./checksum";
import { readProjectionHealth } from "./health";

let t: TestDatabase;
let runtime: Runtime;

beforeAll(async () => {
  t = await createTestDatabase();
  runtime = createRuntime(t.db);
  await seedDemoData(runtime, { accounts: 5, concurrency: 4 });
});
afterAll(async () => t?.drop());

/** A projector process (`npm run projector`), small batches so kills land mid-batch. */
function projector(): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/projector.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      PROJECTOR_BATCH_SIZE: "7",
      PROJECTOR_POLL_MS: "50",
      BILLING_CLOCK: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("running on") && resolve());
    child.once("exit", (code) => reject(new Error(`projector exited early (${code})`)));
  });
  return { child, ready };
}

async function checksums() {
  const result: Record<string, string> = {};
  for (const projection of logConsumers(runtime)) {
    for (const table of projection.tables) result[table] = (await tableChecksum(t.db.prisma, table)).md5;
  }
  return result;
}

async function allCaughtUp() {
  await eventually(
    async () => {
      const health = await readProjectionHealth(runtime, logConsumers(runtime));
      for (const h of health)
        expect({ name: h.name, status: h.status, lag: h.lagEvents }).toEqual({
          name: h.name,
          status: "running",
          lag: 0,
        });
    },
    // Generous: after 20 kills the policy reactor replays every follow-up (idempotent lookups), slow on a busy machine.
    { timeoutMs: 180_000, intervalMs: 200 },
  );
}

describe("crash safety", () => {
  test("SIGKILL at random points, 20 times, while events are appended: every read model equals a clean rebuild", async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const accountId = `crash${i}`;
        const caller = { system: "test" } as const;
        await issueCommand(runtime, {
          type: "OpenAccount",
          data: { accountId, name: `Crash ${i}`, billingEmail: `c${i}@c.example`, currency: "USD" },
          caller,
          source: "system",
        });
        await issueCommand(runtime, {
          type: "PurchasePlan",
          data: { accountId, plan: i % 2 ? "pro" : "starter", interval: "monthly", seats: 1 + (i % 5) },
          caller,
          source: "system",
        });
        await issueCommand(runtime, { type: "ChangeSeats", data: { accountId, seats: 7 }, caller, source: "system" });
        written += 1;
      }
    })();

    for (let kill = 0; kill < 20; kill++) {
      const { child, ready } = projector();
      await ready;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 400));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(5);

    const runner = await startProjector(runtime, { pollMs: 50, log: () => undefined });
    try {
      await allCaughtUp();
      const afterCrashes = await checksums();
      const admin = projectionAdmin(runtime, logConsumers(runtime));
      for (const projection of logConsumers(runtime)) {
        if (!projection.reactor) await admin.rebuild(projection.name, "crash test: clean rebuild");
      }
      await eventually(
        async () => {
          const health = await readProjectionHealth(runtime, logConsumers(runtime));
          for (const h of health.filter((x) => x.name !== "billing-policy")) {
            expect({ name: h.name, rebuilt: h.rebuiltAt !== null, status: h.status }).toEqual({
              name: h.name,
              rebuilt: true,
              status: "running",
            });
          }
        },
        // Generous: after 20 kills the policy reactor replays every follow-up (idempotent lookups), slow on a busy machine.
        { timeoutMs: 180_000, intervalMs: 200 },
      );
      await allCaughtUp();
      expect(await checksums()).toEqual(afterCrashes);
      expect(Object.keys(afterCrashes).length).toBeGreaterThanOrEqual(5);
    } finally {
      await runner.stop();
    }

    // The billing policy's follow-ups are complete too: every purchase has its invoice.
    const [missing] = await t.db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM events e WHERE e.event_type = 'PlanPurchased'
        AND NOT EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = 'invoice-' || (e.data->>'invoiceId'))`;
    expect(Number(missing!.n)).toBe(0);
    expect((await runtime.store.verifyAll()).ok).toBe(true);
  }, 420_000);
});
