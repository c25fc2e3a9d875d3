"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { ActionProblem } from "@/components/corrections/action-problem";
import { approveRequest } from "@/lib/actions/approvals/approve-request";
import { rejectRequest } from "@/lib/actions/approvals/reject-request";

const button = "rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50";

/** A second admin's decision on a held correction: approve or reject, with a reason. */
export function DecisionForm({ approvalId, own }: { approvalId: string; own: boolean }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const approve = useAction(approveRequest, { onSuccess: () => router.refresh() });
  const reject = useAction(rejectRequest, { onSuccess: () => router.refresh() });
  const busy = approve.isPending || reject.isPending;
  if (own) {
    return <p className="text-sm text-slate-600">You asked for this: another admin must approve or reject it.</p>;
  }
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        <span className="text-slate-700">Reason (required)</span>
        <input
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => approve.execute({ approvalId, reason })}
          className={`${button} bg-emerald-600 text-white hover:bg-emerald-700`}
        >
          Approve
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => reject.execute({ approvalId, reason })}
          className={`${button} border border-slate-300 bg-white`}
        >
          Reject
        </button>
      </div>
      <ActionProblem result={approve.result} />
      <ActionProblem result={reject.result} />
    </div>
  );
}
