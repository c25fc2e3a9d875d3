import Link from "next/link";
import { dateTime, moneyOrDash } from "@/components/ui/format";
import { countInvoicesForAccount } from "@/lib/projections/invoices/queries";
import { type AccountInvoice, readAccountInvoices } from "@/lib/queries/invoices";
import { getRuntime } from "@/lib/server/runtime";
import { InvoiceStatusBadge } from "./status-badge";

/** An account's invoices, newest issued first: each links to its page. */
export function InvoiceTable({ invoices }: { invoices: AccountInvoice[] }) {
  if (invoices.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">No invoices yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="px-4 py-2 font-medium">Invoice</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Issued</th>
          <th className="px-4 py-2 font-medium">Due</th>
          <th className="px-4 py-2 text-right font-medium">Total</th>
          <th className="px-4 py-2 text-right font-medium">Balance</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invoices.map((invoice) => (
          <tr key={invoice.invoiceId} className="hover:bg-slate-50">
            <td className="px-4 py-2">
              <Link href={`/invoices/${invoice.invoiceId}`} className="font-mono text-indigo-700 hover:underline">
                {invoice.invoiceId}
              </Link>
            </td>
            <td className="px-4 py-2">
              <InvoiceStatusBadge status={invoice.statusLabel} />
            </td>
            <td className="px-4 py-2 text-slate-600">{dateTime(invoice.issuedAt)}</td>
            <td className="px-4 py-2 text-slate-600">{dateTime(invoice.dueAt)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{moneyOrDash(invoice.charged, invoice.currency)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{moneyOrDash(invoice.balance, invoice.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const LATEST = 8;

/**
 * An account's latest invoices (invoices read model), ready to place on a
 * page: `<InvoiceList accountId={accountId} />`; the rest are a timeline
 * filter away.
 */
export async function InvoiceList({ accountId }: { accountId: string }) {
  const runtime = await getRuntime();
  const [invoices, total] = await Promise.all([
    readAccountInvoices(runtime, accountId, LATEST),
    countInvoicesForAccount(runtime.db, accountId),
  ]);
  return (
    <section aria-label="Invoices">
      <details className="rounded-lg border border-slate-200 bg-white shadow-sm" open={total > 0}>
        <summary className="cursor-pointer border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
          Invoices, newest first{" "}
          <span className="font-normal text-slate-500">
            ({total > invoices.length ? `the latest ${invoices.length} of ${total}` : total})
          </span>
        </summary>
        <InvoiceTable invoices={invoices} />
        {total > invoices.length ? (
          <p className="border-t border-slate-200 px-5 py-2 text-sm">
            <Link href={`/accounts/${accountId}?streams=invoice&view=flat`} className="text-indigo-700 hover:underline">
              Every invoice event on the timeline →
            </Link>
          </p>
        ) : null}
      </details>
    </section>
  );
}
