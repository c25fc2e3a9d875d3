import { createPolicyReactor } from "@/lib/automation/policy-reactor";
import { rebuildPaceFromEnv } from "@/lib/projections/pace";
import { projections } from "@/lib/projections/registry";
import { ProjectionRunner, type RunnerOptions } from "@/lib/projections/runner";
import type { Projection } from "@/lib/projections/types";
import type { Runtime } from "./runtime";

/** Every consumer of the global log: the read models and the billing-policy reactor. */
export function logConsumers(runtime: Runtime): Projection[] {
  return [...projections, createPolicyReactor(runtime)];
}

/** The runner's settings an operator may set: PROJECTOR_BATCH_SIZE, PROJECTOR_POLL_MS, LEDGERLINE_REBUILD_EVENTS_PER_SECOND. */
export function projectorOptionsFromEnv(env: Record<string, string | undefined>): RunnerOptions {
  const options: RunnerOptions = { rebuildEventsPerSecond: rebuildPaceFromEnv(env) ?? 0 };
  if (env.PROJECTOR_BATCH_SIZE) options.batchSize = Number(env.PROJECTOR_BATCH_SIZE);
  if (env.PROJECTOR_POLL_MS) options.pollMs = Number(env.PROJECTOR_POLL_MS);
  return options;
}

export async function startProjector(runtime: Runtime, options: RunnerOptions = {}): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner(runtime, logConsumers(runtime), {
    ...projectorOptionsFromEnv(process.env),
    ...options,
  });
  await runner.start();
  return runner;
}

/**
 * Whether this app process runs the projections too. Always on the embedded
 * database (one process does everything); on a server unless
 * LEDGERLINE_PROJECTOR=off (when `npm run projector` processes run them).
 */
export function projectorInApp(env: Record<string, string | undefined>, kind: "server" | "embedded"): boolean {
  if (kind === "embedded") return true;
  return env.LEDGERLINE_PROJECTOR?.trim().toLowerCase() !== "off";
}
