import type { Runtime } from "@/lib/server/runtime";

/** What an endpoint needs; routes pass the process runtime, tests their own. */
export interface ApiDeps {
  runtime: () => Promise<Runtime>;
  env?: Record<string, string | undefined>;
  now?: () => Date;
}
