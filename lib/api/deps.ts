import type { Runtime } from "@/lib/server/runtime";

/** What an endpoint needs; routes pass the process runtime, tests their own. */
export interface ApiDeps {
  runtime: () => Promise<Runtime>;
  /** The read replica's runtime (DATABASE_READ_URL) for timeline and export reads; none: the primary. */
  replica?: () => Promise<Runtime | null>;
  env?: Record<string, string | undefined>;
  now?: () => Date;
  /** The deployment stamped on the events written (this one by default; the demo seed replays older ones). */
  appVersion?: string;
}
