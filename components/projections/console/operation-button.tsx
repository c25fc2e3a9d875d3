"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { pauseProjection } from "@/lib/actions/projections/pause-projection";
import { rebuildProjection } from "@/lib/actions/projections/rebuild-projection";
import { resumeProjection } from "@/lib/actions/projections/resume-projection";
import { retryProjection } from "@/lib/actions/projections/retry-projection";
import { skipProjectionEvent } from "@/lib/actions/projections/skip-projection-event";
import type { ProjectionAction } from "@/lib/projections/admin";
import { FailureMessage } from "./failure-message";

const ACTIONS = {
  rebuild: rebuildProjection,
  pause: pauseProjection,
  resume: resumeProjection,
  retry: retryProjection,
  skip: skipProjectionEvent,
} as const;

const LABEL: Record<ProjectionAction, string> = {
  rebuild: "Rebuild",
  pause: "Pause",
  resume: "Resume",
  retry: "Retry",
  skip: "Skip event",
};

const HINT: Record<ProjectionAction, string> = {
  rebuild: "Rebuilt from position 0 in shadow tables; reads keep using the current tables until the swap.",
  pause: "Stops applying events; reads keep answering from what it has.",
  resume: "Carries on from its checkpoint.",
  retry: "Tries the failed event again: do this after the fix.",
  skip: "Gives up on the failed event for this projection. It is recorded and counted.",
};

/** One operation on a projection: asks for a reason, then records and performs it. */
export function OperationButton({ projection, action }: { projection: string; action: ProjectionAction }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const queryClient = useQueryClient();
  const { execute, result, isPending, reset } = useAction(ACTIONS[action] as typeof pauseProjection, {
    onSuccess: () => {
      setOpen(false);
      setReason("");
      void queryClient.invalidateQueries({ queryKey: ["projection-console"] });
    },
  });
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => {
          reset();
          setOpen(true);
        }}
        className={`rounded border px-2 py-0.5 text-xs font-medium ${
          action === "skip"
            ? "border-rose-300 text-rose-700 hover:bg-rose-50"
            : "border-slate-300 text-slate-700 hover:bg-slate-50"
        }`}
      >
        {LABEL[action]}
      </button>
    );
  }
  const id = `${projection}-${action}-reason`;
  return (
    <form
      aria-label={`${LABEL[action]} ${projection}`}
      className="w-full space-y-1 rounded border border-slate-200 bg-slate-50 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ projection, reason });
      }}
    >
      <p className="text-xs text-slate-600">{HINT[action]}</p>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        Reason (recorded with your name)
      </label>
      <input
        id={id}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        minLength={3}
        maxLength={500}
        className="w-full rounded border border-slate-300 px-2 py-1 text-xs"
        placeholder="Why, e.g. the fix in 4.3.1 is deployed"
      />
      <FailureMessage serverError={result.serverError} validationErrors={result.validationErrors} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={isPending}
          className="rounded bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {isPending ? "Working…" : `Confirm ${LABEL[action].toLowerCase()}`}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="text-xs text-slate-600 hover:underline">
          Cancel
        </button>
      </div>
    </form>
  );
}
