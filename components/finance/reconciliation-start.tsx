"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { startReconciliation } from "@/lib/actions/finance/start-reconciliation";

/** Starts the period's reconciliation (a server action) and shows the page for it, which follows its progress. */
export function ReconciliationStart({ period, asOf, label }: { period: string; asOf: string; label: string }) {
  const router = useRouter();
  const [month, setMonth] = useState(period);
  const [point, setPoint] = useState(asOf);
  const { executeAsync, isPending, result } = useAction(startReconciliation);
  const failure = result.serverError?.message ?? result.validationErrors?.formErrors?.[0];
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const done = await executeAsync({ period: month, ...(point ? { asOf: point } : {}) });
        if (done?.data) {
          const query = new URLSearchParams({ period: month, ...(point ? { asOf: point } : {}) });
          router.push(`/finance/reconciliation?${query}`);
          router.refresh();
        }
      }}
    >
      <label className="text-sm text-slate-700">
        Period
        <input
          type="month"
          name="period"
          required
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      </label>
      <label className="text-sm text-slate-700">
        As of <span className="text-xs text-slate-500">(optional: a position or a time; default now)</span>
        <input
          name="asOf"
          value={point}
          onChange={(e) => setPoint(e.target.value)}
          placeholder="e.g. 2026-08-04T23:59:59Z"
          className="mt-1 block w-64 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      </label>
      <button
        type="submit"
        disabled={isPending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {isPending ? "Starting…" : `Reconcile ${label || "this period"}`}
      </button>
      {failure ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {failure}
        </p>
      ) : null}
    </form>
  );
}
