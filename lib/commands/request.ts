import type { Principal } from "@/lib/auth/permissions";
import type { Source } from "@/lib/event-store";

/** Who issues a command: a person or service (checked against its role), or our own automation. */
export type Caller = { principal: Principal } | { system: string };

export interface CommandRequest {
  type: string;
  /** The command's data as received (validated here). */
  data: unknown;
  caller: Caller;
  source: Source;
  requestId?: string;
  /** Defaults to the request id: a new story starts here. */
  correlationId?: string;
  causationId?: string | null;
  /** A repeat with the same key gets the first answer and writes nothing. */
  idempotencyKey?: string | null;
  /** Why; required for corrective commands (else taken from the data's `reason`). */
  reason?: string | null;
  /** The support ticket or change request it answers, kept in the events' metadata. */
  ticket?: string | null;
  /** The version the caller saw (HTTP If-Match); a mismatch is a conflict, never retried. */
  expectedVersion?: number;
  /** When the command is handled (the demo seed and policies set it; else the clock); `data.occurredAt` may backdate it. */
  now?: Date;
  /**
   * The deployment that handles it: this one by default. The demo seed, which
   * replays two years of history, names the earlier deployments it stands for.
   */
  appVersion?: string;
}
