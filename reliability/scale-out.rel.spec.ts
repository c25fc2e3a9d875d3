/**
 * The scale-out drill: two app instances on different ports behind the same
 * PostgreSQL, two `npm run projector` processes, writers spread over both
 * instances as a load balancer would; midway one instance and the leading
 * projector are SIGKILLed (the writers move to the surviving instance and
 * retry with the same Idempotency-Key). Proves: nothing acknowledged is lost
 * or doubled, at every sample each projection's advisory lock was held by at
 * most one session and the lease epochs only moved forward with one owner
 * each, and the read models equal a clean rebuild.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { runConsistencyCheck } from "@/lib/projections/consistency-check";
import { logConsumers } from "@/lib/server/projector";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { checkAcks } from "./harness/acks";
import { call, commandCall } from "./harness/bounded-http";
import { ackOf, type Acked, accountStory } from "./harness/load";
import { checkLog } from "./harness/log-checks";
import { type App, type Proc, startApp, startProjector } from "./harness/processes";
import { caughtUp, readModelChecksums, rebuildAll } from "./harness/projections";
import { type Fresh, freshDatabase, report, sized } from "./harness/suite";

const WRITERS = 4;
const SECONDS = sized(10, 40);

let fresh: Fresh;
let runtime: Runtime;
const apps: App[] = [];
const projectors: Proc[] = [];

beforeAll(async () => {
  fresh = await freshDatabase("scale_out");
  runtime = createRuntime(fresh.db);
  apps.push(await startApp(fresh.url, { projector: false }));
  apps.push(await startApp(fresh.url, { projector: false }));
  projectors.push(await startProjector(fresh.url));
  projectors.push(await startProjector(fresh.url));
});
afterAll(async () => {
  for (const p of [...projectors, ...apps]) await p.stop();
  await fresh?.close();
});

interface LeaseSample {
  holders: Map<string, number>;
  epochs: Map<string, { epoch: number; owner: string | null }>;
}

async function sampleLeases(names: string[]): Promise<LeaseSample> {
  const locks = await fresh.db.prisma.$queryRaw<{ name: string; holders: bigint }[]>`
    SELECT n.name, count(l.pid) AS holders
    FROM unnest(${names}::text[]) AS n(name)
    LEFT JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('ledgerline-projection:' || n.name, 0)
    GROUP BY n.name`;
  const checkpoints = await fresh.db.prisma.$queryRaw<{ name: string; epoch: bigint; owner: string | null }[]>`
    SELECT name, lease_epoch AS epoch, lease_owner AS owner FROM projection_checkpoints`;
  return {
    holders: new Map(locks.map((l) => [l.name, Number(l.holders)])),
    epochs: new Map(checkpoints.map((c) => [c.name, { epoch: Number(c.epoch), owner: c.owner }])),
  };
}

test("two instances and two projectors, one of each killed midway: nothing lost, one leader at a time, read models equal a rebuild", async () => {
  const names = logConsumers(runtime).map((p) => p.name);
  const samples: LeaseSample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await sampleLeases(names));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  const acked: Acked[] = [];
  const unexpected: string[] = [];
  let retriedOnOther = 0;
  const until = Date.now() + SECONDS * 1000;
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    for (let n = 0; Date.now() < until; n++) {
      for (const [step, { type, data }] of accountStory(`so-${w}-${n}`, n).entries()) {
        const requestId = `so-${w}-${n}-${step}`;
        // The balancer's choice: by writer, moving to the other instance when one does not answer.
        for (let attempt = 0; ; attempt++) {
          const app = apps.filter((a) => a.running)[(w + attempt) % apps.filter((a) => a.running).length]!;
          const outcome = await call(app.baseUrl, commandCall(type, data, requestId, fresh.tokens.admin));
          if (outcome.kind === "reply" && outcome.reply.status === 200) {
            acked.push(ackOf(requestId, type, outcome.reply));
            break;
          }
          if (outcome.kind === "reply" || attempt > 20) {
            unexpected.push(`${type}: ${JSON.stringify(outcome).slice(0, 300)}`);
            break;
          }
          retriedOnOther++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  });

  // Midway: kill one instance and the projector that leads most projections.
  await new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 2));
  const victimApp = apps[1]!;
  victimApp.kill("SIGKILL");
  const owners = [...(await sampleLeases(names)).epochs.values()].map((e) => e.owner);
  const victimProjector = projectors.find((p) => owners.some((o) => o?.endsWith(`:${p.pid}`))) ?? projectors[0]!;
  victimProjector.kill("SIGKILL");
  await Promise.all(writers);

  await caughtUp(runtime);
  sampling = false;
  await sampler;
  const afterDrill = await readModelChecksums(runtime);
  const consistency = await runConsistencyCheck(runtime);
  await rebuildAll(runtime);
  const rebuilt = await readModelChecksums(runtime);
  const mismatched = Object.keys(rebuilt).filter((table) => rebuilt[table] !== afterDrill[table]);
  const acks = await checkAcks(fresh.db, "so-", acked);
  const log = await checkLog(fresh.db);

  const maxHolders = Math.max(...samples.flatMap((s) => [...s.holders.values()]));
  // Per projection, the epochs seen only rise, and each epoch had one owner.
  let epochViolations = 0;
  let takeovers = 0;
  for (const name of names) {
    const seen = samples.map((s) => s.epochs.get(name)).filter((e) => e !== undefined);
    const ownerOf = new Map<number, string | null>();
    seen.forEach((e, i) => {
      if (i > 0 && e.epoch < seen[i - 1]!.epoch) epochViolations++;
      if (i > 0 && e.epoch > seen[i - 1]!.epoch) takeovers++;
      if (ownerOf.has(e.epoch) && ownerOf.get(e.epoch) !== e.owner) epochViolations++;
      ownerOf.set(e.epoch, e.owner);
    });
  }

  report("scale-out", {
    instances: 2,
    projectors: 2,
    seconds: SECONDS,
    commands: acked.length,
    retriedOnOtherInstance: retriedOnOther,
    events: log.events,
    lost: acks.lost,
    duplicated: acks.duplicated,
    writtenWithoutAck: acks.writtenWithoutAck,
    leaseSamples: samples.length,
    maxLockHoldersPerProjection: maxHolders,
    takeovers,
    epochViolations,
    mismatches: mismatched.length,
    consistencyDifferences: consistency.differences.length,
    victimProjectorPid: victimProjector.pid,
  });
  expect(unexpected.slice(0, 5)).toEqual([]);
  expect(victimApp.running).toBe(false);
  expect(acks).toMatchObject({ lost: 0, duplicated: 0, writtenWithoutAck: 0 });
  expect(maxHolders).toBe(1);
  expect(epochViolations).toBe(0);
  expect(takeovers).toBeGreaterThan(0);
  expect(mismatched.map((t) => `${t}: after the drill ${afterDrill[t]}, rebuilt ${rebuilt[t]}`)).toEqual([]);
  expect(consistency.differences.slice(0, 5)).toEqual([]);
  expect(log).toMatchObject({ versionGaps: 0, missedByReadAll: 0, outOfOrder: 0, brokenChains: 0 });
});
