import { type BillingClockDeps, runBillingClock } from "./billing-clock";

const LOCK = "SELECT hashtextextended('ledgerline-billing-clock', 0) AS key";

/**
 * Runs the billing clock every interval, one process at a time: on a server,
 * a tick runs only in the process that gets the advisory lock (the others skip
 * it); on the embedded database there is only one process.
 */
export async function startBillingClock(
  deps: BillingClockDeps,
  { intervalMs = 60_000, sweepEvery = 60, log = console.log } = {},
) {
  const session = await deps.db.openSession();
  const [lock] = session ? await session.query<{ key: string }>(LOCK) : [];
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  // A full sweep first (catching up after downtime) and then every hour, so a
  // read model that is failed or rebuilding delays the clock by an hour at most;
  // the ticks in between look only at what the account summary shows as due.
  let ticks = 0;
  const runOnce = async () => {
    const scope = ticks++ % sweepEvery === 0 ? "all" : "due";
    const { renewed, canceled } = await runBillingClock(deps, new Date(), { scope });
    if (renewed + canceled > 0) log(`[billing-clock] renewed ${renewed}, canceled ${canceled}`);
  };
  const tick = async () => {
    try {
      if (!session) return await runOnce();
      const [got] = await session.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [lock!.key]);
      if (!got?.ok) return;
      try {
        await runOnce();
      } finally {
        await session.query("SELECT pg_advisory_unlock($1::bigint)", [lock!.key]);
      }
    } catch (error) {
      log(`[billing-clock] ${(error as Error).message}`);
    }
  };
  let running = tick();
  const schedule = () => {
    if (!stopped) timer = setTimeout(() => (running = tick().finally(schedule)), intervalMs);
  };
  void running.finally(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await session?.close();
    },
  };
}
