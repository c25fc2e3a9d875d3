import { randomUUID } from "node:crypto";
import { type Principal, requirePermission } from "@/lib/auth/permissions";
import { issueCommand } from "@/lib/automation/issue-command";
import { NotFoundError } from "@/lib/errors";
import type { ChainProblem, Source } from "@/lib/event-store";
import { countStreams, verifyStreamsAfter } from "@/lib/event-store/verify-chunk";
import type { Runtime } from "@/lib/server/runtime";

/** A hash-chain verification, over one stream or the whole log, as the console polls it. */
export interface VerificationJob {
  id: string;
  /** "all", or the stream verified. */
  scope: string;
  status: "running" | "done" | "failed";
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  streamsTotal: number;
  streamsChecked: number;
  eventsChecked: number;
  problemCount: number;
  /** The first broken links found (at most 20), in stream order: the first is the first broken link. */
  problems: ChainProblem[];
  /** Streams per second so far, and the seconds left at that rate. */
  rate: number;
  etaSeconds: number | null;
  error: string | null;
  /** Where the ChainVerified event went, once recorded. */
  recordedPosition: number | null;
}

const PROBLEMS_KEPT = 20;
const KEPT_JOBS = 20;

// Jobs live in this process (the console polls the process that started them); the outcome is an event.
const registry = ((
  globalThis as { __chainVerifications?: Map<string, { job: VerificationJob; done: Promise<void> }> }
).__chainVerifications ??= new Map());

export interface VerificationRequest {
  scope: string;
  reason: string;
  principal: Principal;
  source: Source;
  requestId: string;
  /** Streams per chunk (progress moves once per chunk). */
  chunkSize?: number;
}

/**
 * Starts verifying the hash chain of one stream or of the whole log, chunk by
 * chunk, with progress; when it ends, what it found is recorded in the
 * operations console's stream (ChainVerified: who, when, why, the first broken
 * link). The caller's permission is checked before any work; a whole-log run
 * already under way is returned instead of a second one.
 */
export async function startChainVerification(runtime: Runtime, request: VerificationRequest): Promise<VerificationJob> {
  requirePermission(request.principal, "operate");
  const { scope } = request;
  if (scope !== "all" && (await runtime.store.streamVersion(scope)) === 0) {
    throw new NotFoundError(`There is no stream "${scope}" to verify.`);
  }
  const running = [...registry.values()].find((j) => j.job.scope === scope && j.job.status === "running");
  if (running) return { ...running.job };
  const job: VerificationJob = {
    id: randomUUID(),
    scope,
    status: "running",
    requestedBy: request.principal.id,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    streamsTotal: scope === "all" ? await countStreams(runtime.db.prisma) : 1,
    streamsChecked: 0,
    eventsChecked: 0,
    problemCount: 0,
    problems: [],
    rate: 0,
    etaSeconds: null,
    error: null,
    recordedPosition: null,
  };
  const done = run(runtime, job, request).catch((error: unknown) => {
    job.status = "failed";
    job.error = error instanceof Error ? error.message : String(error);
    job.finishedAt = new Date().toISOString();
  });
  registry.set(job.id, { job, done });
  for (const id of [...registry.keys()].slice(0, Math.max(0, registry.size - KEPT_JOBS))) registry.delete(id);
  return { ...job };
}

async function run(runtime: Runtime, job: VerificationJob, request: VerificationRequest) {
  const started = Date.now();
  const absorb = (found: { streamsChecked: number; eventsChecked: number; problems: ChainProblem[] }) => {
    job.streamsChecked += found.streamsChecked;
    job.eventsChecked += found.eventsChecked;
    job.problemCount += found.problems.length;
    job.problems.push(...found.problems.slice(0, PROBLEMS_KEPT - job.problems.length));
    const seconds = (Date.now() - started) / 1000;
    job.rate = seconds > 0 ? Math.round((job.streamsChecked / seconds) * 10) / 10 : 0;
    const left = Math.max(0, job.streamsTotal - job.streamsChecked);
    job.etaSeconds = job.rate > 0 ? Math.round(left / job.rate) : null;
  };
  if (job.scope === "all") {
    let after: string | null = null;
    for (;;) {
      const chunk = await verifyStreamsAfter(runtime.db.prisma, after, request.chunkSize ?? 200);
      if (chunk.streamsChecked === 0) break;
      absorb(chunk);
      after = chunk.lastStreamId;
      // Let the requests that poll the progress in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    absorb(await runtime.store.verifyStream(job.scope));
  }
  // Streams created meanwhile count too: the total is what was walked.
  job.streamsTotal = Math.max(job.streamsTotal, job.streamsChecked);
  const first = job.problems[0];
  const recorded = await issueCommand(runtime, {
    type: "RecordChainVerification",
    data: {
      reason: request.reason,
      scope: job.scope,
      streamsChecked: job.streamsChecked,
      eventsChecked: job.eventsChecked,
      problems: job.problemCount,
      firstProblem: first
        ? { streamId: first.streamId, version: first.version, message: first.message.slice(0, 500) }
        : null,
    },
    caller: { principal: request.principal },
    source: request.source,
    requestId: request.requestId,
    reason: request.reason,
  });
  job.recordedPosition = recorded.position;
  job.status = "done";
  job.etaSeconds = 0;
  job.finishedAt = new Date().toISOString();
}

/** A job's progress now, or 404. */
export function readVerificationJob(id: string): VerificationJob {
  const entry = registry.get(id);
  if (!entry) throw new NotFoundError(`There is no verification "${id}" in this process (it may have restarted).`);
  return { ...entry.job, problems: [...entry.job.problems] };
}

/** The latest jobs, newest first (a reloaded console finds one under way). */
export function listVerificationJobs(): VerificationJob[] {
  return [...registry.values()].map((e) => ({ ...e.job })).reverse();
}

/** Resolves when the job has ended (tests; the console polls instead). */
export async function verificationFinished(id: string): Promise<VerificationJob> {
  const entry = registry.get(id);
  if (!entry) throw new NotFoundError(`There is no verification "${id}".`);
  await entry.done;
  return readVerificationJob(id);
}
