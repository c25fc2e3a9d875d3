import { createPolicyReactor } from "@/lib/automation/policy-reactor";
import { projections } from "@/lib/projections/registry";
import { ProjectionRunner, type RunnerOptions } from "@/lib/projections/runner";
import type { Projection } from "@/lib/projections/types";
import type { Runtime } from "./runtime";

/** Every consumer of the global log: the read models and the billing-policy reactor. */
export function logConsumers(runtime: Runtime): Projection[] {
  return [...projections, createPolicyReactor(runtime)];
}

export async function startProjector(runtime: Runtime, options: RunnerOptions = {}): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner(runtime, logConsumers(runtime), options);
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
