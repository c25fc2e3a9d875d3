"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { DiffTable } from "@/components/history/diff-table";
import { confirmCorrection } from "@/lib/actions/corrections/confirm-correction";
import { previewCorrection } from "@/lib/actions/corrections/preview-correction";
import type { Correction } from "@/lib/corrections/catalog";
import type { ConfirmOutcome, PreviewView } from "@/lib/corrections/run";
import { ActionProblem } from "./action-problem";
import { CorrectionFields } from "./correction-fields";

const button = "rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50";

/**
 * An admin's corrections on one page: pick one, fill it in with a reason,
 * preview exactly what it would append (the same decide the handler runs,
 * nothing written), then confirm with the version the preview saw.
 */
export function CorrectionsPanel({
  title,
  targetId,
  corrections,
  currency,
}: {
  title: string;
  targetId: string;
  corrections: readonly Correction[];
  currency?: string;
}) {
  const router = useRouter();
  const [type, setType] = useState(corrections[0]?.type ?? "");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [ticket, setTicket] = useState("");
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [outcome, setOutcome] = useState<ConfirmOutcome | null>(null);
  const correction = corrections.find((c) => c.type === type);
  const previewing = useAction(previewCorrection, {
    onSuccess: ({ data }) => {
      setPreview(data ?? null);
      setOutcome(null);
    },
  });
  const confirming = useAction(confirmCorrection, {
    onSuccess: ({ data }) => {
      if (!data) return;
      setOutcome(data);
      if (data.status === "conflict") setPreview(data.preview);
      else {
        setPreview(null);
        router.refresh();
      }
    },
  });
  const input = { type, targetId, fields, reason, ticket: ticket || undefined };
  const edited = () => {
    setPreview(null);
    setOutcome(null);
  };
  if (!correction) return null;

  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="corrections">
      <summary className="cursor-pointer px-5 py-3 text-sm font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-500">(admin: appended as new events, never edits)</span>
      </summary>
      <form
        className="space-y-4 border-t border-slate-200 px-5 py-4"
        onSubmit={(event) => {
          event.preventDefault();
          previewing.execute(input);
        }}
      >
        <label className="block text-sm">
          <span className="text-slate-700">Correction</span>
          <select
            name="type"
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setFields({});
              edited();
            }}
            className="mt-1 block w-full max-w-md rounded-md border border-slate-300 px-2 py-1.5"
          >
            {corrections.map((c) => (
              <option key={c.type} value={c.type}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <CorrectionFields
          correction={correction}
          values={fields}
          currency={currency}
          onChange={(name, value) => {
            setFields((all) => ({ ...all, [name]: value }));
            edited();
          }}
        />
        <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
          <label className="block text-sm">
            <span className="text-slate-700">Reason (required, shown on the timeline)</span>
            <textarea
              name="reason"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                edited();
              }}
              rows={2}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="block text-sm">
            <span className="text-slate-700">Ticket (optional)</span>
            <input
              name="ticket"
              value={ticket}
              onChange={(e) => setTicket(e.target.value)}
              placeholder="e.g. SUP-4471"
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
        </div>
        <button type="submit" disabled={previewing.isPending} className={`${button} border border-slate-300 bg-white`}>
          {previewing.isPending ? "Deciding…" : "Preview"}
        </button>
        <ActionProblem result={previewing.result} />
      </form>
      {outcome?.status === "conflict" ? (
        <div
          role="alert"
          className="mx-5 mb-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        >
          <p className="font-medium">Nothing was written: this changed since your preview.</p>
          <ul className="mt-1 list-disc pl-5">
            {outcome.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
          <p className="mt-1">Below is a fresh preview on the current state; confirm it if it is still right.</p>
        </div>
      ) : null}
      {preview ? (
        <section aria-label="Preview" className="space-y-3 border-t border-slate-200 px-5 py-4">
          <h3 className="text-sm font-semibold text-slate-900">It would append to {preview.streamId}</h3>
          <ul className="space-y-1 text-sm">
            {preview.events.map((event, i) => (
              <li key={i}>
                <code className="rounded bg-slate-100 px-1 text-xs">{event.type}</code> {event.phrase}
              </li>
            ))}
          </ul>
          <div className="rounded-md border border-slate-200">
            <DiffTable diffs={[preview.diff]} labels={["now", "after"]} collapsible={false} />
          </div>
          {preview.needsApproval ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Above the four-eyes threshold: confirming asks a second admin to approve it at{" "}
              <Link href="/approvals" className="underline">
                Approvals
              </Link>
              ; nothing is written to the invoice until then.
            </p>
          ) : null}
          <button
            type="button"
            disabled={confirming.isPending}
            onClick={() => confirming.execute({ ...input, expectedVersion: preview.version })}
            className={`${button} bg-indigo-600 text-white hover:bg-indigo-700`}
          >
            {confirming.isPending ? "Appending…" : preview.needsApproval ? "Ask a second admin" : "Confirm and append"}
          </button>
          <ActionProblem result={confirming.result} />
        </section>
      ) : null}
      {outcome && outcome.status !== "conflict" ? (
        <p role="status" className="mx-5 mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {outcome.status === "pending" ? (
            <>
              Held for a second admin: request{" "}
              <Link href="/approvals" className="underline">
                {outcome.approvalId}
              </Link>
              .
            </>
          ) : (
            `Appended ${outcome.events.map((e) => e.type).join(", ")}${outcome.position ? ` at #${outcome.position}` : ""}.`
          )}
        </p>
      ) : null}
    </details>
  );
}
