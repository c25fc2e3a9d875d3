import type { Metadata } from "next";
import Link from "next/link";
import { ReconciliationStart } from "@/components/finance/reconciliation-start";
import { RunProgressBar } from "@/components/finance/run-progress";
import { Stat } from "@/components/ui/stat";
import { moneyOrDash } from "@/components/ui/format";
import { pageAddress } from "@/lib/auth/return-path";
import { requireViewer } from "@/lib/auth/session";
import { one } from "@/lib/queries/params";
import { readReconciliation, type ResultRow } from "@/lib/queries/reconciliation";
import { getRuntime } from "@/lib/server/runtime";
import { type Period, periodOf, ZPeriodQuery } from "@/lib/verification/period";

export const metadata: Metadata = { title: "Reconciliation" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function ResultList({ title, rows, at }: { title: string; rows: ResultRow[]; at: string | null }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={title}>
      <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">{title}</h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {rows.map((r) => (
          <li key={r.invoiceId} className="px-5 py-2" data-testid="reconciliation-row">
            <Link
              href={`/invoices/${encodeURIComponent(r.invoiceId)}${at ? `?verifyAt=${encodeURIComponent(at)}` : ""}`}
              className="font-mono text-indigo-700 hover:underline"
            >
              {r.invoiceId}
            </Link>{" "}
            · {r.accountId} · issued {r.issuedAt.slice(0, 10)} · {r.invoiceStatus}
            {r.mismatchAmount !== 0 ? ` · ${moneyOrDash(r.mismatchAmount, r.currency)}` : ""}
            {r.mismatches.map((m, i) => (
              <div key={i} className="text-xs text-slate-600">
                “{m.line}”: {m.reason}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every invoice issued in a period, verified in the background: counts, totals, and each mismatch (finance, admin). */
export default async function ReconciliationPage({ searchParams }: Props) {
  const query = await searchParams;
  await requireViewer("verify", pageAddress("/finance/reconciliation", query));
  const given = { period: one(query.period), from: one(query.from), to: one(query.to) };
  const asOf = one(query.asOf)?.trim() || null;
  const parsed = given.period || given.from || given.to ? ZPeriodQuery.safeParse(given) : null;
  const period: Period | null = parsed?.success ? periodOf(parsed.data) : null;
  const report = period ? await readReconciliation(await getRuntime(), period, asOf) : null;
  // An invoice of the period issued after the point checked is counted done but was not there to verify.
  const unissued = report ? report.run.done - report.run.verified - report.run.mismatched : 0;
  const month = given.period ?? new Date().toISOString().slice(0, 7);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Reconciliation{period ? ` · ${period.label}` : ""}</h1>
        <p className="text-sm text-slate-600">
          Every invoice issued in the period, re-derived from the log and compared with what it says and with the
          invoices read model. {asOf ? `As of ${asOf} (what was true then).` : "As the log stands now."}
        </p>
      </header>
      <ReconciliationStart period={month} asOf={asOf ?? ""} label={period?.label ?? month} />
      {parsed && !parsed.success ? (
        <p role="alert" className="text-sm text-red-700">
          {parsed.error.issues[0]!.message}
        </p>
      ) : null}
      {period && !report ? (
        <p className="text-sm text-slate-600">This period has not been reconciled yet{asOf ? " at that point" : ""}.</p>
      ) : null}
      {report ? (
        <>
          <RunProgressBar initial={report.run} />
          <section className="grid grid-cols-2 gap-4 md:grid-cols-4" aria-label="Counts">
            <Stat
              label="Invoices"
              value={String(report.run.verified + report.run.mismatched)}
              hint={
                unissued > 0
                  ? `checked at position ${report.run.position}; ${unissued} more were issued in the period after that point`
                  : `checked at position ${report.run.position}`
              }
            />
            <Stat
              label="Verified"
              value={String(report.run.verified)}
              hint={`${report.corrected.length} after correction`}
            />
            <Stat label="Mismatched" value={String(report.run.mismatched)} />
            <Stat
              label="Started"
              value={report.run.startedAt.slice(0, 16).replace("T", " ")}
              hint={`by ${report.run.requestedBy}`}
            />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Totals">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  {["Currency", "Invoices", "Issued", "Paid", "Credited", "Refunded", "Open"].map((h) => (
                    <th key={h} className="px-4 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.totals.map((t) => (
                  <tr key={t.currency} className="tabular-nums" data-testid="totals-row">
                    <td className="px-4 py-2">{t.currency}</td>
                    <td className="px-4 py-2">{t.invoices}</td>
                    {[t.issued, t.paid, t.credited, t.refunded, t.open].map((n, i) => (
                      <td key={i} className="px-4 py-2">
                        {moneyOrDash(n, t.currency)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <a
            href={`/api/finance/reconciliation/runs/${report.run.runId}/export`}
            className="inline-block text-sm text-indigo-700 hover:underline"
          >
            Export CSV (every invoice checked)
          </a>
          {report.mismatched.length > 0 ? <ResultList title="Mismatches" rows={report.mismatched} at={asOf} /> : null}
          {report.corrected.length > 0 ? (
            <ResultList title="Verified after correction" rows={report.corrected} at={asOf} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
