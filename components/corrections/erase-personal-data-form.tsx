"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { erasePersonalData } from "@/lib/actions/accounts/erase-personal-data";

/** Admins only, on a closed account: erase its and its leads' names and emails, with a reason and a confirmation. */
export function ErasePersonalDataForm({ accountId, name }: { accountId: string; name: string | null }) {
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const { execute, result, isPending, hasSucceeded } = useAction(erasePersonalData);
  // The domain's own words: a rule it refuses, or what is wrong with the reason.
  const invalid = result.validationErrors;
  const failure =
    result.serverError?.message ??
    (invalid ? [...invalid.formErrors, ...(invalid.fieldErrors.reason ?? [])].join(" ") : null);
  if (hasSucceeded) {
    return (
      <p role="status" className="text-sm text-emerald-700">
        Personal data erased: names and emails now read [erased] everywhere.
      </p>
    );
  }
  return (
    <details className="rounded-lg border border-rose-200 bg-white p-4 text-sm shadow-sm">
      <summary className="cursor-pointer font-medium text-rose-800">Erase personal data</summary>
      <form
        className="mt-3 space-y-3"
        aria-label="Erase personal data"
        onSubmit={(e) => {
          e.preventDefault();
          execute({ accountId, reason });
        }}
      >
        <p className="text-slate-700">
          Erases the names and emails of {name ?? accountId} and of its leads from every event, read model, export and
          evidence bundle. Amounts, plans and dates stay. This cannot be undone.
        </p>
        <label className="block">
          <span className="font-medium text-slate-800">Reason (e.g. the GDPR request)</span>
          <input
            name="reason"
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 block w-full max-w-md rounded border border-slate-300 p-1.5"
          />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <span>I understand the names and emails are gone for good.</span>
        </label>
        {failure ? (
          <p role="alert" className="text-rose-800">
            {failure}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={!confirmed || isPending}
          className="rounded bg-rose-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {isPending ? "Erasing…" : "Erase personal data"}
        </button>
      </form>
    </details>
  );
}
