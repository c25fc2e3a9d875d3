import os from "node:os";
import type { DedicatedSession } from "@/lib/db/types";

/**
 * Who may run each projection. On a server, a session-level advisory lock per
 * projection on one dedicated connection: held while the connection lives,
 * released by PostgreSQL the moment the process dies, so a standby's next try
 * takes over. The checkpoint's epoch (bumped on every take-over) fences off a
 * runner that has not noticed yet. On the embedded database there is one
 * process, and one runner in it.
 */
export interface LeaseGate {
  tryAcquire(name: string): Promise<boolean>;
  release(name: string): Promise<void>;
  /** False once the connection behind the leases broke: every lease is gone. */
  readonly healthy: boolean;
  close(): Promise<void>;
}

export const runnerIdentity = () => `${os.hostname()}:${process.pid}`;

export function sessionLeaseGate(session: DedicatedSession): LeaseGate {
  let healthy = true;
  session.onLost(() => {
    healthy = false;
  });
  return {
    async tryAcquire(name) {
      if (!healthy) return false;
      const [row] = await session.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended('ledgerline-projection:' || $1, 0)) AS ok",
        [name],
      );
      return row?.ok === true;
    },
    async release(name) {
      if (!healthy) return;
      await session.query("SELECT pg_advisory_unlock(hashtextextended('ledgerline-projection:' || $1, 0))", [name]);
    },
    get healthy() {
      return healthy;
    },
    close: () => session.close(),
  };
}

const local = globalThis as unknown as { __ledgerlineLocalLeases?: Set<string> };

/** One process owns the embedded database: leases are just "one runner per projection here". */
export function processLeaseGate(): LeaseGate {
  const held = (local.__ledgerlineLocalLeases ??= new Set());
  const mine = new Set<string>();
  return {
    async tryAcquire(name) {
      if (held.has(name) && !mine.has(name)) return false;
      held.add(name);
      mine.add(name);
      return true;
    },
    async release(name) {
      if (mine.delete(name)) held.delete(name);
    },
    healthy: true,
    async close() {
      for (const name of mine) held.delete(name);
      mine.clear();
    },
  };
}
