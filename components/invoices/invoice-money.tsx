import { dateTimeSeconds, moneyOrDash, words } from "@/components/ui/format";
import type { InvoicePage } from "@/lib/queries/invoices";
import { SourceEventLink } from "./source-event";

type Cell = React.ReactNode;

/** One kind of money movement on the invoice as a small table (or a sentence when there is none). */
function Movements({ label, empty, head, rows }: { label: string; empty: string; head: string[]; rows: Cell[][] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={label}>
      <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">{label}</h2>
      {rows.length === 0 ? (
        <p className="px-5 py-3 text-sm text-slate-500">{empty}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              {head.map((h, i) => (
                <th key={h} className={`px-4 py-2 font-medium ${i === 0 ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((cells, r) => (
              <tr key={r}>
                {cells.map((cell, i) => (
                  <td key={i} className={`px-4 py-2 ${i === 0 ? "text-right whitespace-nowrap tabular-nums" : ""}`}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const ref = (providerRef: string | null) => (providerRef ? <span className="font-mono">{providerRef}</span> : "—");
const time = (iso: string) => <span className="whitespace-nowrap text-slate-600">{dateTimeSeconds(iso)}</span>;

/** Payments, failed payments, credit notes and refunds: every amount that moved the balance (or tried to). */
export function InvoiceMoney({ page }: { page: InvoicePage }) {
  const { invoice } = page;
  const money = (amount: number) => moneyOrDash(amount, invoice.currency);
  return (
    <div className="space-y-4">
      <Movements
        label="Payments"
        empty="No payments received."
        head={["Amount", "Method", "Provider ref", "Received"]}
        rows={invoice.payments.map((p) => [money(p.amount), words(p.method), ref(p.providerRef), time(p.receivedAt)])}
      />
      <Movements
        label="Failed payments"
        empty="No failed payment attempts."
        head={["Amount", "Reason", "Provider ref", "Failed"]}
        rows={invoice.failedPayments.map((f) => [money(f.amount), f.reason, ref(f.providerRef), time(f.failedAt)])}
      />
      <Movements
        label="Credit notes"
        empty="No credit notes."
        head={["Amount", "Reason", "Compensates", "Issued"]}
        rows={page.creditNotes.map((c) => [
          money(c.amount),
          c.reason,
          c.compensates ? <SourceEventLink source={c.compensates} /> : <span className="text-slate-500">—</span>,
          time(c.issuedAt),
        ])}
      />
      <Movements
        label="Refunds"
        empty="No refunds."
        head={["Amount", "Reason", "Provider ref", "Refunded"]}
        rows={invoice.refunds.map((r) => [money(r.amount), r.reason, ref(r.providerRef), time(r.refundedAt)])}
      />
    </div>
  );
}
