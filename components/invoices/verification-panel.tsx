import Link from "next/link";
import { moneyOrDash } from "@/components/ui/format";
import type { InvoiceVerificationView } from "@/lib/queries/invoice-verification";
import type { EventRef, Figures, LineCheck } from "@/lib/verification/types";

const th = "px-3 py-2 font-medium";
const STATUS_STYLE: Record<LineCheck["status"], string> = {
  matches: "text-emerald-700",
  netted: "text-indigo-700",
  mismatch: "text-red-700 font-medium",
};
const STATUS_WORD: Record<LineCheck["status"], string> = { matches: "matches", netted: "netted", mismatch: "mismatch" };

function EventLink({ accountId, event: e }: { accountId: string; event: EventRef }) {
  if (e.position === null) return <span className="font-mono text-xs text-slate-500">{e.eventId.slice(0, 8)}…</span>;
  return (
    <Link
      href={`/accounts/${accountId}/events/${e.position}`}
      className="font-mono text-xs text-indigo-700 hover:underline"
    >
      {e.type} #{e.position}
    </Link>
  );
}

/** "What this invoice should say", re-derived from the log, beside what the log and the read model say. */
export function VerificationPanel({ view, invoicePath }: { view: InvoiceVerificationView; invoicePath: string }) {
  const v = view.verification;
  if (view.problem)
    return (
      <p role="alert" className="text-sm text-red-700">
        {view.problem}
      </p>
    );
  if (!v) return <p className="text-sm text-slate-600">This invoice had not been issued at position/time {view.at}.</p>;
  const money = (n: number) => moneyOrDash(n, v.currency);
  const when = view.at ? `as of ${view.at}` : "now";
  const rows: [string, keyof Figures][] = [
    ["Charged", "charged"],
    ["Credited", "credited"],
    ["Paid", "paid"],
    ["Refunded", "refunded"],
    ["Balance", "balance"],
  ];
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Verification">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">What this invoice should say</h2>
        {v.status === "verified" ? (
          <span
            data-testid="verification-status"
            className="rounded bg-emerald-50 px-2 py-0.5 text-sm font-medium text-emerald-800"
          >
            Verified at position {v.position}
            {v.corrected ? " (after correction)" : ""}
          </span>
        ) : (
          <span
            data-testid="verification-status"
            className="rounded bg-red-50 px-2 py-0.5 text-sm font-medium text-red-800"
          >
            {v.mismatches.length} mismatch{v.mismatches.length === 1 ? "" : "es"} at position {v.position}:{" "}
            {money(v.mismatchAmount)}
          </span>
        )}
        <span className="text-xs text-slate-500">
          Re-derived {when} with the domain&apos;s own decide and billing functions
          {view.at ? (
            <>
              {" · "}
              <Link href={invoicePath} className="text-indigo-700 hover:underline">
                verify now
              </Link>
            </>
          ) : null}
        </span>
      </header>
      {v.mismatches.length > 0 ? (
        <ul className="space-y-1 border-b border-slate-200 bg-red-50/50 px-5 py-3 text-sm" aria-label="Mismatches">
          {v.mismatches.map((m, i) => (
            <li key={i} data-testid="mismatch">
              <span className="font-medium tabular-nums">{money(m.amount)}</span> ·{" "}
              <span className="font-medium">“{m.line}”</span>: {m.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className={th}>Line</th>
            <th className={`${th} text-right`}>Invoiced</th>
            <th className={`${th} text-right`}>Should be</th>
            <th className={th}>From</th>
            <th className={th}>Check</th>
          </tr>
        </thead>
        <tbody>
          {v.lines.map((line, i) => (
            <tr key={i} className="border-b border-slate-100 align-top" data-testid="verified-line">
              <td className="px-3 py-2">
                {(line.recorded ?? line.expected)!.description}
                {line.expected && line.recorded && line.expected.description !== line.recorded.description ? (
                  <div className="text-xs text-slate-500">should read: {line.expected.description}</div>
                ) : null}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {line.recorded ? money(line.recorded.amount) : "—"}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {line.expected ? money(line.expected.amount) : "—"}
              </td>
              <td className="px-3 py-2">
                {line.sources.length ? (
                  line.sources.map((s) => <EventLink key={s.eventId} accountId={v.accountId} event={s} />)
                ) : (
                  <span className="text-xs text-slate-500">entered by hand</span>
                )}
              </td>
              <td className={`px-3 py-2 text-xs ${STATUS_STYLE[line.status]}`}>
                {STATUS_WORD[line.status]}
                {line.note ? <div className="text-slate-700">{line.note}</div> : null}
                {line.status === "mismatch" ? <div className="text-slate-700">{line.reasons.join("; ")}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.credits.length > 0 ? (
        <ul
          className="space-y-1 border-t border-slate-200 px-5 py-3 text-xs text-slate-700"
          aria-label="Credit notes checked"
        >
          {v.credits.map((c) => (
            <li key={c.creditNoteId}>
              Credit note <span className="font-mono">{c.creditNoteId}</span> (
              <EventLink
                accountId={v.accountId}
                event={{ eventId: c.eventId, position: c.position, type: "CreditNoteIssued" }}
              />
              ) for {money(c.amount)}:{" "}
              {c.kind === "correction"
                ? "corrects a line of this invoice"
                : c.kind === "derived"
                  ? `billing's own credit${c.expected !== null ? `, re-derived ${money(c.expected)}` : ""}`
                  : "a person's decision, taken as it stands"}
              {c.compensates ? (
                <>
                  {" "}
                  · names <EventLink accountId={v.accountId} event={c.compensates} />
                </>
              ) : null}
              {c.refunded ? ` · ${money(c.refunded.amount)} paid back as refund ${c.refunded.refundId}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="w-full border-t border-slate-200 text-left text-sm" aria-label="Figures side by side">
        <thead className="text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className={th}>Figure</th>
            <th className={`${th} text-right`}>Its events say</th>
            <th className={`${th} text-right`}>Should be</th>
            <th className={`${th} text-right`}>Invoices read model</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, key]) => (
            <tr key={key} className="border-t border-slate-100">
              <td className="px-3 py-1.5">{label}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{money(v.figures.recorded[key])}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {money(v.figures.expected[key])}
                {key === "balance" && v.figures.expected.balance < 0 ? (
                  <div className="text-xs text-slate-500">owed to the customer</div>
                ) : null}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {v.figures.readModel ? money(v.figures.readModel[key]) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.notes.length ? (
        <ul className="border-t border-slate-200 px-5 py-2 text-xs text-slate-500">
          {v.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
