import { randomUUID } from "node:crypto";
import type { AsOf } from "@/lib/event-store";
import type { VerificationRun } from "@/lib/generated/prisma/client";
import { createVerifier, type VerifyDeps } from "./load";
import type { Period } from "./period";
import type { InvoiceVerification } from "./types";

/** A run whose heartbeat is older than this, and that this process is not running, has lost its process. */
export const STALE_AFTER_MS = 30_000;
const BATCH = 25;

// One registry per process, shared by Next's module graphs (server actions and route handlers are bundled apart).
const shared = globalThis as unknown as {
  __ledgerlineVerification?: { owner: string; running: Map<string, Promise<void>> };
};
const here = (shared.__ledgerlineVerification ??= { owner: randomUUID(), running: new Map() });

export interface StartRequest {
  period: Period;
  /** The point to verify at, as the URL names it, and the store's view of it; null: now. */
  asOf: { param: string; point: AsOf } | null;
  requestedBy: string;
}

/**
 * Starts (or joins, or resumes) the reconciliation of a period in this process
 * and returns at once. A run already going for the same period and point is
 * joined; one that failed (its process died, or an error) continues from the
 * invoices it had done.
 */
export async function startReconciliation(
  deps: VerifyDeps,
  request: StartRequest,
): Promise<{ runId: string; resumed: boolean }> {
  const { period, asOf } = request;
  const latest = await deps.db.prisma.verificationRun.findFirst({
    where: { periodFrom: period.from, periodTo: period.to, asOf: asOf?.param ?? null },
    orderBy: { startedAt: "desc" },
  });
  const current = latest ? await markIfLost(deps, latest) : null;
  if (current?.status === "running") return { runId: current.runId, resumed: false };
  const resumable = current?.status === "failed" && current.done < current.total;
  const invoices = await invoicesOf(deps, period);
  let runId: string;
  if (resumable) {
    runId = current.runId;
    await deps.db.prisma.verificationRun.update({
      where: { runId },
      data: {
        status: "running",
        owner: here.owner,
        heartbeatAt: new Date(),
        error: null,
        total: Math.max(current.total, invoices.length),
      },
    });
  } else {
    runId = randomUUID();
    const position =
      asOf && "position" in asOf.point ? asOf.point.position : (await deps.store.readHorizon()).safePosition;
    await deps.db.prisma.verificationRun.create({
      data: {
        runId,
        periodFrom: period.from,
        periodTo: period.to,
        asOf: asOf?.param ?? null,
        status: "running",
        total: invoices.length,
        position: BigInt(position),
        requestedBy: request.requestedBy,
        owner: here.owner,
      },
    });
  }
  const job = runJob(deps, runId, invoices, asOf?.point).finally(() => here.running.delete(runId));
  here.running.set(runId, job);
  return { runId, resumed: resumable };
}

/** For tests and shutdown: the run's promise in this process, if it runs here. */
export const runningJob = (runId: string) => here.running.get(runId);

/**
 * A run that says it is running but whose process stopped answering is
 * recorded as failed, with how far it got, so nobody waits on it forever.
 */
export async function markIfLost(deps: VerifyDeps, run: VerificationRun): Promise<VerificationRun> {
  if (run.status !== "running" || here.running.has(run.runId)) return run;
  if (Date.now() - run.heartbeatAt.getTime() < STALE_AFTER_MS) return run;
  const error = `The process running it stopped (last heard from ${run.heartbeatAt.toISOString()}) after ${run.done} of ${run.total} invoices; start it again to resume.`;
  const { count } = await deps.db.prisma.verificationRun.updateMany({
    where: { runId: run.runId, status: "running", heartbeatAt: run.heartbeatAt },
    data: { status: "failed", error },
  });
  return count === 1 ? { ...run, status: "failed", error } : run;
}

async function invoicesOf(deps: VerifyDeps, period: Period): Promise<string[]> {
  const rows = await deps.db.prisma.rmInvoice.findMany({
    where: { issuedAt: { gte: period.from, lt: period.to } },
    orderBy: [{ issuedAt: "asc" }, { invoiceId: "asc" }],
    select: { invoiceId: true },
  });
  return rows.map((r) => r.invoiceId);
}

async function runJob(deps: VerifyDeps, runId: string, invoices: string[], asOf: AsOf | undefined) {
  const prisma = deps.db.prisma;
  try {
    const run = await prisma.verificationRun.findUniqueOrThrow({ where: { runId } });
    const cut: AsOf = asOf ?? { position: Number(run.position) };
    const done = new Set(
      (await prisma.verificationResult.findMany({ where: { runId }, select: { invoiceId: true } })).map(
        (r) => r.invoiceId,
      ),
    );
    const verifier = createVerifier(deps);
    const todo = invoices.filter((id) => !done.has(id));
    for (let i = 0; i < todo.length; i += BATCH) {
      const results = (await Promise.all(todo.slice(i, i + BATCH).map((id) => verifier.verify(id, cut)))).filter(
        (r): r is InvoiceVerification => r !== null,
      );
      await prisma.$transaction([
        prisma.verificationResult.createMany({ data: results.map((r) => resultRow(runId, r)), skipDuplicates: true }),
        prisma.verificationRun.update({
          where: { runId },
          data: {
            done: { increment: todo.slice(i, i + BATCH).length },
            verified: { increment: results.filter((r) => r.status === "verified").length },
            mismatched: { increment: results.filter((r) => r.status === "mismatched").length },
            heartbeatAt: new Date(),
          },
        }),
      ]);
    }
    await prisma.verificationRun.update({ where: { runId }, data: { status: "done", finishedAt: new Date() } });
  } catch (error) {
    console.error(`[verification] run ${runId} failed:`, error);
    await prisma.verificationRun
      .update({
        where: { runId },
        data: {
          status: "failed",
          error: `Stopped by an error: ${error instanceof Error ? error.message : String(error)}`,
        },
      })
      .catch(() => undefined);
  }
}

function resultRow(runId: string, r: InvoiceVerification) {
  const f = r.figures.recorded;
  return {
    runId,
    invoiceId: r.invoiceId,
    accountId: r.accountId,
    currency: r.currency,
    issuedAt: new Date(r.issuedAt),
    status: r.status,
    corrected: r.corrected,
    invoiceStatus: r.invoiceStatus,
    charged: BigInt(f.charged),
    credited: BigInt(f.credited),
    paid: BigInt(f.paid),
    refunded: BigInt(f.refunded),
    balance: BigInt(f.balance),
    mismatchAmount: BigInt(r.mismatchAmount),
    mismatches: r.mismatches as unknown as object[],
  };
}
