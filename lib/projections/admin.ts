import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { DomainError } from "@/lib/domain";
import type { Runtime } from "@/lib/server/runtime";
import { type Checkpoint, readCheckpoint } from "./checkpoints";
import { rebuildAccount } from "./rebuild";
import type { Projection } from "./types";

export const PROJECTION_ACTIONS = ["rebuild", "pause", "resume", "retry", "skip"] as const;
export type ProjectionAction = (typeof PROJECTION_ACTIONS)[number];

/**
 * What an admin can do to a projection. Each holds the checkpoint row for its
 * transaction, so it never interleaves with a batch; the runner picks the new
 * state up at its next look (at most one poll interval later).
 */
export function projectionAdmin(runtime: Runtime, projections: readonly Projection[]) {
  const prisma = runtime.db.prisma;
  const find = (name: string) => {
    const projection = projections.find((p) => p.name === name);
    if (!projection)
      throw new NotFoundError(
        `There is no projection "${name}". Projections: ${projections.map((p) => p.name).join(", ")}.`,
      );
    return projection;
  };
  const refuse = (code: string, message: string) => {
    throw new DomainError(code, message);
  };

  return {
    /**
     * Would this action be refused now? Throws the refusal the action itself
     * would give, so the console can record an operation only when it is
     * going to happen (the action re-checks under the row lock).
     */
    async check(name: string, action: ProjectionAction): Promise<Checkpoint | null> {
      const projection = find(name);
      const checkpoint = await readCheckpoint(prisma, name);
      const status = checkpoint?.status;
      switch (action) {
        case "retry":
        case "skip":
          if (status !== "failed" || checkpoint?.failedPosition === null)
            refuse("PROJECTION_NOT_FAILED", `${name} has not failed on an event; there is nothing to ${action}.`);
          break;
        case "pause":
          if (status !== "running") refuse("PROJECTION_NOT_RUNNING", `${name} is not running, so it cannot be paused.`);
          break;
        case "resume":
          if (status !== "paused") refuse("PROJECTION_NOT_PAUSED", `${name} is not paused.`);
          break;
        case "rebuild":
          if (projection.reactor)
            refuse(
              "PROJECTION_NOT_REBUILDABLE",
              `${name} reacts to events with commands; it has no read model to rebuild.`,
            );
          // Not started yet (no checkpoint): rebuild() has no row to mark and refuses it, so refuse it here too,
          // before the console records an operation that will not happen.
          if (!checkpoint || status === "rebuilding" || checkpoint.rebuildRequested)
            refuse("PROJECTION_REBUILDING", `${name} is already being rebuilt (or has not started yet).`);
          break;
      }
      return checkpoint;
    },

    /** After a fix: try the failed event again. */
    async retry(name: string) {
      find(name);
      return prisma.$transaction(async (tx) => {
        const checkpoint = await readCheckpoint(tx, name, true);
        if (checkpoint?.status !== "failed")
          refuse("PROJECTION_NOT_FAILED", `${name} has not failed; there is nothing to retry.`);
        await tx.$executeRaw`
          UPDATE projection_checkpoints SET status = 'running', last_error = NULL, failed_position = NULL,
            failed_event_id = NULL, failed_event_type = NULL, failed_at = NULL, updated_at = now()
          WHERE name = ${name}`;
        return { name, status: "running", resumesAfter: checkpoint!.position };
      });
    },

    /** Gives up on the failed event for this projection: recorded with who and why, and visible in its health. */
    async skip(name: string, by: string, reason: string) {
      find(name);
      if (!reason.trim()) {
        throw new InvalidInputError("Skipping an event needs a reason", [
          { path: "reason", message: "say why it is skipped" },
        ]);
      }
      return prisma.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<
          {
            status: string;
            failed_position: bigint | null;
            failed_event_id: string | null;
            failed_event_type: string | null;
            last_error: string | null;
          }[]
        >`SELECT status, failed_position, failed_event_id, failed_event_type, last_error FROM projection_checkpoints WHERE name = ${name} FOR UPDATE`;
        if (row?.status !== "failed" || row.failed_position === null) {
          refuse("PROJECTION_NOT_FAILED", `${name} has not failed on an event; there is nothing to skip.`);
        }
        await tx.$executeRaw`
          INSERT INTO projection_skips (projection, position, event_id, event_type, error, skipped_by, reason)
          VALUES (${name}, ${row!.failed_position}, ${row!.failed_event_id ?? ""}, ${row!.failed_event_type ?? ""},
                  ${row!.last_error ?? ""}, ${by}, ${reason.trim()})`;
        await tx.$executeRaw`
          UPDATE projection_checkpoints SET position = failed_position, status = 'running', last_error = NULL,
            failed_position = NULL, failed_event_id = NULL, failed_event_type = NULL, failed_at = NULL, updated_at = now()
          WHERE name = ${name}`;
        return { name, skippedPosition: Number(row!.failed_position), status: "running" };
      });
    },

    /** Rebuilds the whole read model in shadow tables while the current ones keep serving. */
    async rebuild(name: string, reason: string) {
      if (find(name).reactor)
        refuse(
          "PROJECTION_NOT_REBUILDABLE",
          `${name} reacts to events with commands; it has no read model to rebuild.`,
        );
      const moved = await prisma.$executeRaw`
        UPDATE projection_checkpoints SET rebuild_requested = true, rebuild_reason = ${reason}, updated_at = now()
        WHERE name = ${name} AND status <> 'rebuilding'`;
      if (moved === 0) refuse("PROJECTION_REBUILDING", `${name} is already being rebuilt (or has not started yet).`);
      return { name, rebuildRequested: true };
    },

    async pause(name: string) {
      find(name);
      const moved = await prisma.$executeRaw`
        UPDATE projection_checkpoints SET status = 'paused', updated_at = now() WHERE name = ${name} AND status = 'running'`;
      if (moved === 0) refuse("PROJECTION_NOT_RUNNING", `${name} is not running, so it cannot be paused.`);
      return { name, status: "paused" };
    },

    async resume(name: string) {
      find(name);
      const moved = await prisma.$executeRaw`
        UPDATE projection_checkpoints SET status = 'running', updated_at = now() WHERE name = ${name} AND status = 'paused'`;
      if (moved === 0) refuse("PROJECTION_NOT_PAUSED", `${name} is not paused.`);
      return { name, status: "running" };
    },

    /** Rebuilds one account's rows in every projection (or one), after a fix. */
    async rebuildAccount(accountId: string, name?: string) {
      const targets = (name ? [find(name)] : projections).filter((p) => !p.reactor);
      const results = [];
      for (const projection of targets) results.push(await rebuildAccount(runtime, projection, accountId));
      return results;
    },
  };
}
