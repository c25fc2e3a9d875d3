"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { runConsistencyCheck } from "@/lib/actions/projections/run-consistency-check";
import { FailureMessage } from "./failure-message";

const show = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

/** Replays aggregates and compares the read models; the differences row by row (admins run it, it is recorded). */
export function ConsistencyPanel({ canOperate }: { canOperate: boolean }) {
  const [sample, setSample] = useState("50");
  const [reason, setReason] = useState("");
  const queryClient = useQueryClient();
  const { execute, result, isPending } = useAction(runConsistencyCheck, {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["projection-console"] }),
  });
  const report = result.data;
  return (
    <section aria-label="Consistency check" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">Consistency check</h2>
      <p className="mt-1 text-xs text-slate-500">
        Replays accounts and invoices from their events with the domain&apos;s own deciders and compares account-summary
        and invoices field by field.
      </p>
      {canOperate ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            execute({ reason, ...(sample.trim() ? { sample: Number(sample) } : {}) });
          }}
        >
          <label className="text-xs text-slate-700">
            Sample (empty: all)
            <input
              value={sample}
              onChange={(e) => setSample(e.target.value)}
              inputMode="numeric"
              className="mt-0.5 block w-24 rounded border border-slate-300 px-2 py-1 text-xs"
            />
          </label>
          <label className="grow text-xs text-slate-700">
            Reason
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={3}
              placeholder="Why, e.g. weekly check"
              className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-xs"
            />
          </label>
          <button
            type="submit"
            disabled={isPending}
            className="rounded bg-indigo-600 px-3 py-1 text-xs font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            {isPending ? "Checking…" : "Run check"}
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
      {report ? (
        <div className="mt-3 space-y-2" data-testid="consistency-result">
          <p className={`text-sm ${report.consistent ? "text-emerald-700" : "text-rose-700"}`}>
            {report.consistent
              ? `Consistent: ${report.sample === "all" ? "every aggregate" : `a sample of ${report.sample}`} matches its events.`
              : `${report.differenceCount} difference(s) found.`}
            {report.lagging.length > 0
              ? ` Still applying events (${report.lagging.map((l) => `${l.name}: ${l.lagEvents}`).join(", ")}): those show as differences.`
              : ""}
          </p>
          {report.differences.length > 0 ? (
            <table className="w-full text-left text-xs">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 font-medium">Projection</th>
                  <th className="py-1 font-medium">Row</th>
                  <th className="py-1 font-medium">Field</th>
                  <th className="py-1 font-medium">Events say</th>
                  <th className="py-1 font-medium">Read model has</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 font-mono">
                {report.differences.map((d) => (
                  <tr key={`${d.projection}-${d.key}-${d.field}`}>
                    <td className="py-1">{d.projection}</td>
                    <td className="py-1">{d.key}</td>
                    <td className="py-1">{d.field}</td>
                    <td className="py-1 text-emerald-700">{show(d.expected)}</td>
                    <td className="py-1 text-rose-700">{show(d.actual)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
