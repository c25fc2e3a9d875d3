import type { VerificationResult, VerificationRun } from "@/lib/generated/prisma/client";
import { markIfLost } from "@/lib/verification/jobs";
import type { Period } from "@/lib/verification/period";
import { periodFromBounds } from "@/lib/verification/period";
import type { Mismatch } from "@/lib/verification/types";
import type { QueryDeps } from "./params";

export interface RunProgress {
  runId: string;
  status: "running" | "done" | "failed";
  period: Period;
  asOf: string | null;
  total: number;
  done: number;
  verified: number;
  mismatched: number;
  position: number;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Invoices a second since it started (or resumed) — null before the first batch. */
  rate: number | null;
  /** Seconds left at that rate. */
  etaSeconds: number | null;
}

export interface ReconciliationTotals {
  currency: string;
  invoices: number;
  issued: number;
  paid: number;
  credited: number;
  refunded: number;
  /** Balances still to collect (open and uncollectible invoices). */
  open: number;
}

export interface ResultRow {
  invoiceId: string;
  accountId: string;
  currency: string;
  issuedAt: string;
  status: "verified" | "mismatched";
  corrected: boolean;
  invoiceStatus: string;
  mismatchAmount: number;
  mismatches: Mismatch[];
}

export interface Reconciliation {
  run: RunProgress;
  totals: ReconciliationTotals[];
  mismatched: ResultRow[];
  corrected: ResultRow[];
}

export function progressOf(run: VerificationRun): RunProgress {
  const end = run.finishedAt ?? run.heartbeatAt;
  const seconds = (end.getTime() - run.startedAt.getTime()) / 1000;
  const rate = run.done > 0 && seconds > 0 ? run.done / seconds : null;
  return {
    runId: run.runId,
    status: run.status as RunProgress["status"],
    period: periodFromBounds(run.periodFrom, run.periodTo),
    asOf: run.asOf,
    total: run.total,
    done: run.done,
    verified: run.verified,
    mismatched: run.mismatched,
    position: Number(run.position),
    requestedBy: run.requestedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    rate,
    etaSeconds: rate && run.status === "running" ? Math.ceil((run.total - run.done) / rate) : null,
  };
}

const toRow = (r: VerificationResult): ResultRow => ({
  invoiceId: r.invoiceId,
  accountId: r.accountId,
  currency: r.currency,
  issuedAt: r.issuedAt.toISOString(),
  status: r.status as ResultRow["status"],
  corrected: r.corrected,
  invoiceStatus: r.invoiceStatus,
  mismatchAmount: Number(r.mismatchAmount),
  mismatches: r.mismatches as unknown as Mismatch[],
});

/** A run's progress (null: no such run); a run whose process died reads as failed. */
export async function readRunProgress(deps: QueryDeps, runId: string): Promise<RunProgress | null> {
  const run = await deps.db.prisma.verificationRun.findUnique({ where: { runId } });
  return run ? progressOf(await markIfLost(deps, run)) : null;
}

/** The latest run for a period and point, with its totals and its mismatched and corrected invoices. */
export async function readReconciliation(
  deps: QueryDeps,
  period: Period,
  asOf: string | null,
): Promise<Reconciliation | null> {
  const prisma = deps.db.prisma;
  const latest = await prisma.verificationRun.findFirst({
    where: { periodFrom: period.from, periodTo: period.to, asOf },
    orderBy: { startedAt: "desc" },
  });
  if (!latest) return null;
  const run = await markIfLost(deps, latest);
  const [sums, open, mismatched, corrected] = await Promise.all([
    prisma.verificationResult.groupBy({
      by: ["currency"],
      where: { runId: run.runId },
      _count: { _all: true },
      _sum: { charged: true, paid: true, credited: true, refunded: true },
      orderBy: { currency: "asc" },
    }),
    prisma.verificationResult.groupBy({
      by: ["currency"],
      where: { runId: run.runId, invoiceStatus: { in: ["open", "uncollectible"] } },
      _sum: { balance: true },
      orderBy: { currency: "asc" },
    }),
    prisma.verificationResult.findMany({
      where: { runId: run.runId, status: "mismatched" },
      orderBy: [{ issuedAt: "asc" }, { invoiceId: "asc" }],
      take: 500,
    }),
    prisma.verificationResult.findMany({
      where: { runId: run.runId, corrected: true },
      orderBy: [{ issuedAt: "asc" }, { invoiceId: "asc" }],
      take: 500,
    }),
  ]);
  const openBy = new Map(open.map((o) => [o.currency, Number(o._sum.balance ?? 0)]));
  return {
    run: progressOf(run),
    totals: sums.map((s) => ({
      currency: s.currency,
      invoices: s._count._all,
      issued: Number(s._sum.charged ?? 0),
      paid: Number(s._sum.paid ?? 0),
      credited: Number(s._sum.credited ?? 0),
      refunded: Number(s._sum.refunded ?? 0),
      open: openBy.get(s.currency) ?? 0,
    })),
    mismatched: mismatched.map(toRow),
    corrected: corrected.map(toRow),
  };
}

export const RESULT_COLUMNS = [
  "invoiceId",
  "accountId",
  "issuedAt",
  "currency",
  "status",
  "corrected",
  "invoiceStatus",
  "charged",
  "credited",
  "paid",
  "refunded",
  "balance",
  "mismatchAmount",
  "mismatches",
] as const;
export type ResultCsvRow = Record<(typeof RESULT_COLUMNS)[number], string | number | boolean>;

/** Every result of a run, 500 at a time, as CSV rows (amounts in minor units; mismatches in words). */
export async function* resultBatches(deps: QueryDeps, runId: string): AsyncGenerator<ResultCsvRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await deps.db.prisma.verificationResult.findMany({
      where: { runId, ...(after ? { invoiceId: { gt: after } } : {}) },
      orderBy: { invoiceId: "asc" },
      take: 500,
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      invoiceId: r.invoiceId,
      accountId: r.accountId,
      issuedAt: r.issuedAt.toISOString(),
      currency: r.currency,
      status: r.status,
      corrected: r.corrected,
      invoiceStatus: r.invoiceStatus,
      charged: Number(r.charged),
      credited: Number(r.credited),
      paid: Number(r.paid),
      refunded: Number(r.refunded),
      balance: Number(r.balance),
      mismatchAmount: Number(r.mismatchAmount),
      mismatches: (r.mismatches as unknown as Mismatch[]).map((m) => `${m.line}: ${m.reason}`).join(" | "),
    }));
    after = rows.at(-1)!.invoiceId;
  }
}
