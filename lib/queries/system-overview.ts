import { readStoreOverview } from "@/lib/event-store/overview";
import { horizonHealth, readProjectionHealth } from "@/lib/projections/health";
import { logConsumers } from "@/lib/server/projector";
import { getRuntime } from "@/lib/server/runtime";

/** Everything the overview page shows: the store's figures and every projection's health. */
export async function readSystemOverview() {
  const runtime = await getRuntime();
  const [store, projections] = await Promise.all([
    readStoreOverview(runtime.db),
    readProjectionHealth(runtime, logConsumers(runtime)),
  ]);
  const horizon = horizonHealth(store.horizon, Number(process.env.HORIZON_WARNING_SECONDS ?? 30));
  return { store, projections, horizon };
}
