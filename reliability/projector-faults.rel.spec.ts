/**
 * A projector process SIGKILLed at random moments while writers issue real
 * commands over HTTP (the app runs no projections of its own): each kill may
 * land mid-batch, after a batch's writes and before its commit, or while
 * idle; the next projector must carry on from the last committed checkpoint.
 *
 * What proves it: once the load stops and the projector has caught up,
 * - every table of every read model has the checksum a clean rebuild gives
 *   (the engine's rebuild from position 0 into empty shadow tables, run once
 *   without kills, in the same database so it reads the very same log): an
 *   event applied twice (a summed amount, a seat count, a stream version in
 *   the timeline) or missed changes a checksum;
 * - the consistency check replays every account and invoice with the
 *   domain's deciders and finds no difference (independent of the fold code);
 * - the timeline has exactly one row per event it takes, and every purchase
 *   has its invoice (the billing-policy reactor was killed too).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { runConsistencyCheck } from "@/lib/projections/consistency-check";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { eventually } from "@/lib/testing/eventually";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { checkAcks } from "./harness/acks";
import { call, commandCall } from "./harness/bounded-http";
import { ackOf, type Acked, accountStory } from "./harness/load";
import { checkLog } from "./harness/log-checks";
import { type App, type Proc, startApp, startProjector } from "./harness/processes";
import { caughtUp, readModelChecksums, rebuildAll } from "./harness/projections";
import { type Fresh, freshDatabase, report, sized } from "./harness/suite";

const WRITERS = 4;
const KILLS = sized(3, 20);
// Small batches so that a kill often lands inside one; fast polling so each projector has work when killed.
const PROJECTOR_ENV = { PROJECTOR_BATCH_SIZE: "7", PROJECTOR_POLL_MS: "50" };

let fresh: Fresh;
let app: App;
let runtime: Runtime;
let projector: Proc | null = null;

beforeAll(async () => {
  fresh = await freshDatabase("projector_faults");
  runtime = createRuntime(fresh.db);
  app = await startApp(fresh.url, { projector: false });
});
afterAll(async () => {
  await projector?.stop();
  await app?.stop();
  await fresh?.close();
});

/** Waits (bounded) until a killed process has exited. */
async function exited(proc: Proc): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (proc.running) {
    if (Date.now() > deadline) throw new Error(`${proc.name} still running after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test(`a projector SIGKILLed ${KILLS} times under ${WRITERS} writers leaves every read model equal to a clean rebuild`, async () => {
  const acked: Acked[] = [];
  const unexpected: string[] = [];
  let writing = true;
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    for (let n = 0; writing; n++) {
      for (const [step, { type, data }] of accountStory(`pf-${w}-${n}`, n).entries()) {
        const requestId = `pf-${w}-${n}-${step}`;
        const outcome = await call(app.baseUrl, commandCall(type, data, requestId, fresh.tokens.admin));
        if (outcome.kind === "reply" && outcome.reply.status === 200) acked.push(ackOf(requestId, type, outcome.reply));
        else unexpected.push(`${type}: ${JSON.stringify(outcome).slice(0, 300)}`);
      }
    }
  });

  // The sum of every checkpoint's position: it moves whenever some projection commits a batch.
  const progress = async () =>
    Number(
      (
        await fresh.db.prisma.$queryRaw<
          { n: bigint }[]
        >`SELECT coalesce(sum(position), 0) AS n FROM projection_checkpoints`
      )[0]!.n,
    );
  const progressAtKill: number[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    projector = await startProjector(fresh.url, PROJECTOR_ENV);
    // Once it is applying batches (bounded wait), a random moment: mid-batch, between batches, or idle on the tail.
    const before = await progress();
    await eventually(async () => expect(await progress()).toBeGreaterThan(before), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
    projector.kill("SIGKILL");
    await exited(projector);
    progressAtKill.push(await progress());
  }
  writing = false;
  await Promise.all(writers);

  // The last projector is left alone (default batches): it catches up, then rebuilds every read model from scratch.
  projector = await startProjector(fresh.url);
  await caughtUp(runtime);
  const afterKills = await readModelChecksums(runtime);
  const consistency = await runConsistencyCheck(runtime);
  const [timeline] = await fresh.db.prisma.$queryRaw<{ missing: bigint; extra: bigint }[]>`
    SELECT
      (SELECT count(*) FROM events e WHERE e.event_type = ANY(${accountTimelineProjection.eventTypes})
         AND NOT EXISTS (SELECT 1 FROM rm_timeline t WHERE t.position = e.global_position)) AS missing,
      (SELECT count(*) FROM rm_timeline t
         WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.global_position = t.position)) AS extra`;
  const [billing] = await fresh.db.prisma.$queryRaw<{ uninvoiced: bigint }[]>`
    SELECT count(*) AS uninvoiced FROM events e WHERE e.event_type = 'PlanPurchased'
      AND NOT EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = 'invoice-' || (e.data->>'invoiceId'))`;
  await rebuildAll(runtime);
  const rebuilt = await readModelChecksums(runtime);
  const mismatched = Object.keys(rebuilt).filter((table) => rebuilt[table] !== afterKills[table]);
  const acks = await checkAcks(fresh.db, "pf-", acked);
  const log = await checkLog(fresh.db);

  report("projector-faults", {
    writers: WRITERS,
    kills: KILLS,
    commands: acked.length,
    events: log.events,
    tables: Object.keys(rebuilt).length,
    mismatches: mismatched.length,
    consistencyDifferences: consistency.differences.length,
    timelineMissing: Number(timeline!.missing),
    timelineExtra: Number(timeline!.extra),
    uninvoicedPurchases: Number(billing!.uninvoiced),
    otherAnswers: unexpected.length,
  });
  expect(unexpected.slice(0, 5)).toEqual([]);
  // Each projector applied batches before it was killed: the checkpoints moved between kills.
  expect(progressAtKill.every((p, i) => i === 0 || p > progressAtKill[i - 1]!)).toBe(true);
  expect(acked.length).toBeGreaterThan(WRITERS * 6);
  expect(mismatched.map((t) => `${t}: after kills ${afterKills[t]}, rebuilt ${rebuilt[t]}`)).toEqual([]);
  expect(Object.keys(rebuilt).length).toBeGreaterThanOrEqual(10);
  expect(consistency.differences.slice(0, 5)).toEqual([]);
  expect(consistency.lagging).toEqual([]);
  expect({ missing: Number(timeline!.missing), extra: Number(timeline!.extra) }).toEqual({ missing: 0, extra: 0 });
  expect(Number(billing!.uninvoiced)).toBe(0);
  expect(acks).toMatchObject({ lost: 0, duplicated: 0, writtenWithoutAck: 0 });
  expect(log).toMatchObject({ versionGaps: 0, missedByReadAll: 0, outOfOrder: 0, brokenChains: 0 });
});
