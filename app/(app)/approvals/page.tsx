import type { Metadata } from "next";
import Link from "next/link";
import { DecisionForm } from "@/components/approvals/decision-form";
import { dateTimeSeconds } from "@/components/ui/format";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain";
import type { ApprovalRow } from "@/lib/queries/approvals";
import { readApprovals } from "@/lib/queries/approvals";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Approvals" };

const WHAT = { IssueCreditNote: "Credit note", RefundPayment: "Refund" } as const;
const who = (actor: string | null) => (actor ?? "").replace(/^user:/, "");

function Request({ row, children }: { row: ApprovalRow; children?: React.ReactNode }) {
  const { state } = row;
  return (
    <li className="grid gap-3 px-5 py-4 sm:grid-cols-[3fr_2fr]" data-testid={`approval-${row.approvalId}`}>
      <div className="space-y-1 text-sm">
        <p className="font-medium text-slate-900">
          {WHAT[state.commandType!]} of {formatMoney(state.amount, state.currency ?? "USD")} on invoice{" "}
          <Link href={`/invoices/${state.invoiceId}`} className="text-indigo-700 hover:underline">
            {state.invoiceId}
          </Link>{" "}
          (account{" "}
          <Link href={`/accounts/${state.accountId}`} className="text-indigo-700 hover:underline">
            {state.accountId}
          </Link>
          )
        </p>
        <p className="text-slate-600">
          Asked by {who(state.requestedBy)} at {dateTimeSeconds(row.requestedAt)}
          {row.ticket ? ` · ticket ${row.ticket}` : ""}: {row.reason}
        </p>
        {row.decidedAt ? (
          <p className="text-slate-600">
            {state.status === "approved" ? "Approved" : "Rejected"} by {who(state.decidedBy)} at{" "}
            {dateTimeSeconds(row.decidedAt)}: {row.decisionReason}
          </p>
        ) : null}
        <Link href={`/streams/approval-${row.approvalId}`} className="text-xs text-indigo-700 hover:underline">
          {"The request's events"}
        </Link>
      </div>
      <div>{children}</div>
    </li>
  );
}

/** Four eyes: credit notes and refunds above the threshold wait here for a second admin. */
export default async function ApprovalsPage() {
  const viewer = await requireViewer("verify", "/approvals");
  const { pending, decided } = await readApprovals(await getRuntime());
  const mayDecide = can(viewer.role, "corrective-command");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Approvals</h1>
        <p className="mt-1 text-sm text-slate-600">
          Credit notes and refunds above USD 500.00 wait for a second admin. Nothing is written to the invoice until one
          approves; the person who asked can&apos;t.
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Waiting">
        <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold">Waiting ({pending.length})</h2>
        {pending.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">Nothing is waiting for approval.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {pending.map((row) => (
              <Request key={row.approvalId} row={row}>
                {mayDecide ? (
                  <DecisionForm approvalId={row.approvalId} own={row.state.requestedBy === `user:${viewer.id}`} />
                ) : null}
              </Request>
            ))}
          </ul>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Decided">
        <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold">Decided, newest first</h2>
        {decided.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">No request has been decided yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {decided.map((row) => (
              <Request key={row.approvalId} row={row} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
