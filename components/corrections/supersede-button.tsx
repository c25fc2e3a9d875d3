"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { supersedeEvent } from "@/lib/actions/corrections/supersede-event";

/** Admins only (the page decides whether to show it; the action checks again): supersede one event, with a reason. */
export function SupersedeButton({ position, type }: { position: number; type: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { execute, result, isPending } = useAction(supersedeEvent);
  // The domain's own words: a rule it refuses, or what is wrong with the reason.
  const invalid = result.validationErrors;
  const failure =
    result.serverError?.message ??
    (invalid ? [...invalid.formErrors, ...(invalid.fieldErrors.reason ?? [])].join(" ") : null);
  // The form drops down under the button, over what follows, so the entry's own layout stays put.
  return (
    <span className="relative">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        className="text-rose-700 hover:underline"
      >
        Supersede
      </button>
      {open ? (
        <form
          className="absolute top-5 right-0 z-10 w-80 space-y-2 rounded-md border border-rose-200 bg-rose-50 p-3 text-left text-xs shadow-lg"
          aria-label={`Supersede event ${position}`}
          onSubmit={(e) => {
            e.preventDefault();
            execute({ position, reason });
          }}
        >
          <p className="text-slate-700">
            Supersede this {type}? It stays in the log and the timeline, struck through, and every figure leaves it out.
          </p>
          <label className="block">
            <span className="font-medium text-slate-800">Reason</span>
            <textarea
              name="reason"
              required
              minLength={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="mt-1 block w-full rounded border border-slate-300 bg-white p-1.5 text-xs"
            />
          </label>
          {failure ? (
            <p role="alert" className="text-rose-800">
              {failure}
            </p>
          ) : null}
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={isPending}
              className="rounded bg-rose-700 px-2.5 py-1 font-medium text-white disabled:opacity-50"
            >
              {isPending ? "Superseding…" : "Supersede event"}
            </button>
            <button type="button" onClick={() => setOpen(false)} className="px-2 text-slate-600 hover:underline">
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </span>
  );
}
