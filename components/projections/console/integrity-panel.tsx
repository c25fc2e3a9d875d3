"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { fetchJson } from "@/components/live/fetch-json";
import { verifyChain } from "@/lib/actions/projections/verify-chain";
import type { VerificationJob } from "@/lib/operations/chain-verification";
import { FailureMessage } from "./failure-message";
import { ProgressBar } from "./progress-bar";

/** Verify the hash chain of one stream or the whole log, with progress, and the first broken link if any. */
export function IntegrityPanel({ canOperate, latest }: { canOperate: boolean; latest: VerificationJob | null }) {
  const [scope, setScope] = useState("all");
  const [reason, setReason] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { execute, result, isPending } = useAction(verifyChain, {
    onSuccess: ({ data }) => setJobId(data.id),
  });
  const id = jobId ?? latest?.id ?? null;
  const { data: polled } = useQuery({
    queryKey: ["verification", id],
    queryFn: () => fetchJson<VerificationJob>(`/api/integrity/verifications/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => {
      const done = query.state.data?.status && query.state.data.status !== "running";
      if (done) void queryClient.invalidateQueries({ queryKey: ["projection-console"] });
      return done ? false : 500;
    },
  });
  const job = polled ?? (id === latest?.id ? latest : null);
  return (
    <section aria-label="Event-store integrity" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">Event-store integrity</h2>
      <p className="mt-1 text-xs text-slate-500">
        Recomputes every event&apos;s hash from its content and the previous hash, and checks each stream&apos;s head.
      </p>
      {canOperate ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            execute({ scope: scope.trim() || "all", reason });
          }}
        >
          <label className="text-xs text-slate-700">
            Stream id, or &quot;all&quot;
            <input
              value={scope}
              onChange={(e) => setScope(e.target.value)}
              className="mt-0.5 block w-48 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          </label>
          <label className="grow text-xs text-slate-700">
            Reason
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={3}
              placeholder="Why, e.g. quarterly audit"
              className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-xs"
            />
          </label>
          <button
            type="submit"
            disabled={isPending || job?.status === "running"}
            className="rounded bg-indigo-600 px-3 py-1 text-xs font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            Verify
          </button>
        </form>
      ) : (
        <p className="mt-3 text-xs text-slate-500">
          Admins run it; each run, who ran it and what it found are in the console history below.
        </p>
      )}
      <div className="mt-2">
        <FailureMessage serverError={result.serverError} validationErrors={result.validationErrors} />
      </div>
      {job ? (
        <div className="mt-3 space-y-2" data-testid="verification">
          <p className="text-xs text-slate-600">
            {job.scope === "all" ? "The whole log" : <span className="font-mono">{job.scope}</span>}, started by{" "}
            {job.requestedBy} at {job.startedAt.slice(11, 19)} UTC
          </p>
          <ProgressBar
            label="Hash-chain verification"
            done={job.streamsChecked}
            total={job.streamsTotal}
            unit="streams"
            rate={job.rate}
            etaSeconds={job.status === "running" ? job.etaSeconds : null}
          />
          <VerificationOutcome job={job} />
        </div>
      ) : null}
    </section>
  );
}

function VerificationOutcome({ job }: { job: VerificationJob }) {
  if (job.status === "running") return null;
  if (job.status === "failed") return <p className="text-sm text-rose-700">The verification failed: {job.error}</p>;
  const first = job.problems[0];
  if (!first) {
    return (
      <p role="status" className="text-sm text-emerald-700">
        Intact: {job.eventsChecked.toLocaleString("en-US")} events in {job.streamsChecked.toLocaleString("en-US")}{" "}
        streams, none altered, missing or reordered.
      </p>
    );
  }
  return (
    <p role="status" className="text-sm text-rose-700">
      {job.problemCount} problem(s). First broken link:{" "}
      <Link href={`/streams/${encodeURIComponent(first.streamId)}`} className="font-mono underline">
        {first.streamId}
        {first.version === null ? "" : ` v${first.version}`}
      </Link>{" "}
      — {first.message}
    </p>
  );
}
