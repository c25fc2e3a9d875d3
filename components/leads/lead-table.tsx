import Link from "next/link";
import { dateTime } from "@/components/ui/format";
import type { LeadView } from "@/lib/projections/customer-lifecycle/queries";
import { LeadStageBadge } from "./stage-badge";

const th = "px-4 py-2 font-medium";

/** The pipeline: one row per lead, newest captured first. */
export function LeadTable({ leads }: { leads: LeadView[] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className={th}>Company</th>
          <th className={th}>Stage</th>
          <th className={`${th} text-right`}>Score</th>
          <th className={th}>Captured</th>
          <th className={th}>Outcome</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {leads.map((lead) => (
          <tr key={lead.leadId} className="hover:bg-slate-50">
            <td className="px-4 py-2">
              <Link href={`/leads/${lead.leadId}`} className="font-medium text-indigo-700 hover:underline">
                {lead.company}
              </Link>
              <div className="font-mono text-xs text-slate-500">{lead.leadId}</div>
            </td>
            <td className="px-4 py-2">
              <LeadStageBadge stage={lead.stage} />
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{lead.score ?? "—"}</td>
            <td className="px-4 py-2 text-slate-600">{dateTime(lead.capturedAt)}</td>
            <td className="px-4 py-2 text-slate-600">
              {lead.convertedAt ? (
                <>
                  converted {dateTime(lead.convertedAt)} into{" "}
                  <Link href={`/accounts/${lead.accountId}`} className="font-mono text-indigo-700 hover:underline">
                    {lead.accountId}
                  </Link>
                </>
              ) : lead.disqualifiedAt ? (
                `disqualified ${dateTime(lead.disqualifiedAt)}`
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
