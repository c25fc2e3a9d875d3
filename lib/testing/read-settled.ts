import type { Runtime } from "@/lib/server/runtime";

/**
 * A page of the global log for tests that read it to the end: an empty page
 * only means "the end" once no committed event waits behind the read horizon.
 * The horizon is cluster-wide, so another test's open transaction (in any
 * database) can hold back this database's newest events for a moment.
 */
export async function readAllSettled(
  runtime: Runtime,
  after: number,
  { limit = 500, timeoutMs = 30_000 } = {},
): ReturnType<Runtime["store"]["readAll"]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await runtime.store.readAll({ after, limit });
    if (page.events.length > 0) return page;
    const { waitingEvents } = await runtime.store.readHorizon();
    // Nothing waits now, but something may have passed the horizon since the read above: read once more.
    if (waitingEvents === 0) return runtime.store.readAll({ after, limit });
    if (Date.now() > deadline) throw new Error(`${waitingEvents} committed events stayed behind the read horizon`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
