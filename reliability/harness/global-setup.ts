import type { TestProject } from "vitest/node";
import { Cluster } from "./cluster";

/** One PostgreSQL cluster of the suite's own for the whole run (each test file makes its databases on it). */
export default async function setup(project: TestProject) {
  const cluster = await Cluster.create();
  project.provide("reliabilityCluster", { dir: cluster.dir, port: cluster.port });
  console.log(`[reliability] own PostgreSQL cluster on port ${cluster.port} (${cluster.dir})`);
  return async () => {
    await cluster.destroy();
  };
}
