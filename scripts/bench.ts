/**
 * `npm run bench`: throughput of the event store and the projections, side by
 * side with plain PostgreSQL doing the same writes, in one run on one machine
 * (so the ratios mean something on a shared, noisy host). Uses a throwaway
 * database on the test server (TEST_DATABASE_URL).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { appVersion } from "@/lib/app-version";
import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import { type ClockScope, runBillingClock } from "@/lib/automation/billing-clock";
import { issueCommand } from "@/lib/automation/issue-command";
import { projections } from "@/lib/projections/registry";
import { ProjectionRunner } from "@/lib/projections/runner";
import { createRuntime } from "@/lib/server/runtime";
import { adminQuery, databaseUrl } from "@/lib/testing/databases";

const N = Number(process.env.BENCH_EVENTS ?? 2000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const name = `ledgerline_bench_${Date.now()}`;
await adminQuery(`CREATE DATABASE ${name}`);
const url = databaseUrl(name);
const db = openServerDatabase(url, WRITERS + 4);
const rows: { what: string; count: number; seconds: number; rate: number }[] = [];
const time = async (what: string, count: number, fn: () => Promise<void>) => {
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  rows.push({ what, count, seconds, rate: count / seconds });
};
const inParallel = async (total: number, worker: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < total) await worker(next++);
    }),
  );
};

try {
  await migrate(db);
  const runtime = createRuntime(db);
  const data = { accountId: "bench", name: "Renamed account" };
  const metadata = {
    actor: { type: "system" as const, id: "bench" },
    source: "system" as const,
    requestId: "b",
    correlationId: "b",
    appVersion,
  };

  // Baseline: the same JSON written by plain single-row transactions.
  const raw = new pg.Pool({ connectionString: url, max: WRITERS });
  await raw.query("CREATE TABLE bench_raw (id bigserial PRIMARY KEY, stream_id text, data jsonb, metadata jsonb)");
  await time(`plain PostgreSQL INSERT, ${WRITERS} writers`, N, () =>
    inParallel(N, async (i) => {
      await raw.query("INSERT INTO bench_raw (stream_id, data, metadata) VALUES ($1, $2, $3)", [
        `s-${i % 50}`,
        data,
        metadata,
      ]);
    }),
  );
  await raw.end();

  await time(`event store append (hash chain, version check), ${WRITERS} writers, 50 streams`, N, () =>
    inParallel(N, async (i) => {
      await runtime.store.append(
        `account-bench${i % 50}`,
        [{ type: "AccountRenamed", data: { ...data, accountId: `bench${i % 50}` } }],
        {
          expectedVersion: "any",
          metadata: { ...metadata, accountId: `bench${i % 50}` },
        },
      );
    }),
  );

  const commands = Math.round(N / 4);
  const accountIds = Array.from({ length: commands }, (_, i) => `cmd${i}-${randomUUID().slice(0, 6)}`);
  await time(`command handler (load, decide, append, policies), ${WRITERS} writers`, commands, () =>
    inParallel(commands, async (i) => {
      await issueCommand(runtime, {
        type: "OpenAccount",
        data: {
          accountId: accountIds[i],
          name: "Bench Co",
          billingEmail: "b@b.example",
          currency: "USD",
        },
        caller: { system: "bench" },
        source: "system",
      });
    }),
  );

  await time(`PurchasePlan (and the invoice the billing policy issues), ${WRITERS} writers`, commands, () =>
    inParallel(commands, async (i) => {
      await issueCommand(runtime, {
        type: "PurchasePlan",
        data: { accountId: accountIds[i], plan: "pro", interval: "monthly", seats: 3 },
        caller: { system: "bench" },
        source: "system",
      });
    }),
  );

  const total = Number((await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n);
  await time("readAll, pages of 500", total, async () => {
    let after = 0;
    for (;;) {
      const page = await runtime.store.readAll({ after, limit: 500 });
      if (page.events.length === 0) break;
      after = page.checkpoint;
    }
  });

  await time(`five read models from position 0 (batches of 200)`, total, async () => {
    const runner = new ProjectionRunner(runtime, projections, { pollMs: 20, log: () => undefined });
    await runner.start();
    const [last] = await db.prisma.$queryRaw<{ position: bigint }[]>`
      SELECT global_position AS position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;
    // Done when every read model's checkpoint is the log's last event.
    while ((await db.prisma.projectionCheckpoint.count({ where: { position: last!.position } })) < projections.length) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await runner.stop();
  });

  // The billing clock's minute tick when nothing is due: every subscription folded vs the read model asked.
  const clock: { scope: ClockScope; seconds: number }[] = [];
  for (const scope of ["all", "due", "all", "due"] as const) {
    const started = performance.now();
    await runBillingClock(runtime, new Date(), { scope });
    clock.push({ scope, seconds: (performance.now() - started) / 1000 });
  }

  const base = rows[0]!.rate;
  console.log(`\nLedgerline benchmark, ${new Date().toISOString()}, ${N} events, ${WRITERS} writers\n`);
  console.log("| what | count | seconds | per second | vs plain INSERT |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.what} | ${r.count} | ${r.seconds.toFixed(2)} | ${Math.round(r.rate)} | ${(r.rate / base).toFixed(2)}× |`,
    );
  }
  const best = (scope: ClockScope) => Math.min(...clock.filter((c) => c.scope === scope).map((c) => c.seconds));
  console.log(`\nBilling clock tick over ${commands} subscriptions, nothing due (best of two):\n`);
  console.log("| scope | seconds |");
  console.log("| --- | ---: |");
  console.log(`| all: fold every subscription stream | ${best("all").toFixed(3)} |`);
  console.log(
    `| due: ask the account summary | ${best("due").toFixed(3)} (${(best("all") / best("due")).toFixed(0)}× faster) |`,
  );
} finally {
  await db.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
