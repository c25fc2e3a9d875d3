"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { fetchJson, LIVE_INTERVAL_MS } from "@/components/live/fetch-json";
import type { RunProgress } from "@/lib/queries/reconciliation";

const eta = (s: number | null) => (s === null ? "—" : s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`);

/** A run's progress, polled while it runs (the run lives in the database, so a reload picks it up again). */
export function RunProgressBar({ initial }: { initial: RunProgress }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["reconciliation-run", initial.runId],
    queryFn: () => fetchJson<RunProgress>(`/api/finance/reconciliation/runs/${initial.runId}`),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "running" ? Math.min(LIVE_INTERVAL_MS, 1000) : false),
  });
  // When it finishes, the page reads its results.
  const seen = useRef(initial.status);
  useEffect(() => {
    if (seen.current === "running" && data.status !== "running") router.refresh();
    seen.current = data.status;
  }, [data.status, router]);
  const percent = data.total === 0 ? 100 : Math.round((data.done / data.total) * 100);
  return (
    <div className="space-y-1" aria-label="Reconciliation progress">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={data.total}
        aria-valuenow={data.done}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className={`h-2 ${data.status === "failed" ? "bg-red-500" : "bg-indigo-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-sm text-slate-600" data-testid="run-progress">
        {data.status === "running" ? "Running: " : data.status === "done" ? "Done: " : "Failed: "}
        {data.done} of {data.total} invoices checked
        {data.rate !== null ? ` · ${data.rate.toFixed(1)} invoices/s` : ""}
        {data.status === "running" ? ` · about ${eta(data.etaSeconds)} left` : ""}
        {" · "}
        {data.verified} verified, {data.mismatched} mismatched
        {data.done - data.verified - data.mismatched > 0
          ? ` (${data.done - data.verified - data.mismatched} not issued yet at that point)`
          : ""}
      </p>
      {data.error ? (
        <p role="alert" className="text-sm text-red-700">
          {data.error}
        </p>
      ) : null}
    </div>
  );
}
