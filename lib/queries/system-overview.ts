import { readStoreOverview } from "@/lib/event-store/overview";
import { horizonHealth, type HorizonViewer, readProjectionHealth } from "@/lib/projections/health";
import { logConsumers } from "@/lib/server/projector";
import { getRuntime, type Runtime } from "@/lib/server/runtime";

/** Everything the overview page shows: the store's figures and every projection's health (also live, as JSON). */
export async function readSystemOverview(runtime?: Runtime, viewer: HorizonViewer = {}) {
  const rt = runtime ?? (await getRuntime());
  const [store, projections] = await Promise.all([
    readStoreOverview(rt.db),
    readProjectionHealth(rt, logConsumers(rt)),
  ]);
  const horizon = horizonHealth(store.horizon, Number(process.env.HORIZON_WARNING_SECONDS ?? 30), viewer);
  return { store: { ...store, horizon }, projections, horizon };
}

export type SystemOverview = Awaited<ReturnType<typeof readSystemOverview>>;
