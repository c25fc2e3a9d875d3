import Link from "next/link";
import { dateTime, moneyOrDash } from "@/components/ui/format";
import type { InvoicePage } from "@/lib/queries/invoices";
import { InvoiceStatusBadge } from "./status-badge";

/** Who the invoice bills, when, and where it stands; why, when it was voided or written off. */
export function InvoiceHeader({ page }: { page: InvoicePage }) {
  const { invoice, status } = page;
  const ended = invoice.voided
    ? { label: "Voided", ...invoice.voided }
    : invoice.markedUncollectible
      ? { label: "Marked uncollectible", ...invoice.markedUncollectible }
      : null;
  return (
    <section className="space-y-2" aria-label="Invoice">
      <Link href={`/accounts/${invoice.accountId}`} className="text-sm text-indigo-700 hover:underline">
        ← Account {invoice.accountId}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          Invoice <span className="font-mono">{invoice.invoiceId}</span>
        </h1>
        <InvoiceStatusBadge status={status} />
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div>
          <dt className="inline text-slate-500">Account </dt>
          <dd className="inline">
            <Link href={`/accounts/${invoice.accountId}`} className="font-mono text-indigo-700 hover:underline">
              {invoice.accountId}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Currency </dt>
          <dd className="inline font-mono">{invoice.currency}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Issued </dt>
          <dd className="inline">{dateTime(invoice.issuedAt)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Due </dt>
          <dd className="inline">{dateTime(invoice.dueAt)}</dd>
        </div>
      </dl>
      {ended ? (
        <p className="rounded-md border border-slate-300 bg-slate-50 px-4 py-2 text-sm text-slate-800" role="note">
          <span className="font-medium">
            {ended.label} on {dateTime(ended.at)}:
          </span>{" "}
          {ended.reason}
        </p>
      ) : null}
    </section>
  );
}

// Smaller than the overview's Stat: five money figures in a row must fit large invoices.
function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</div>
      <div className="mt-1 text-xl font-semibold break-words text-slate-900 tabular-nums">{value}</div>
      {hint ? <div className="mt-1 text-xs text-slate-500">{hint}</div> : null}
    </div>
  );
}

/** The five figures, and the equation that ties them, with this invoice's numbers in it. */
export function InvoiceFigures({ page }: { page: InvoicePage }) {
  const { charged, credited, paid, refunded, balance, currency } = page.invoice;
  const money = (amount: number) => moneyOrDash(amount, currency);
  return (
    <section className="space-y-2" aria-label="Figures">
      <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
        <Figure label="Total (charged)" value={money(charged)} />
        <Figure label="Credited" value={money(credited)} hint="credit notes" />
        <Figure label="Paid" value={money(paid)} hint="gross, before refunds" />
        <Figure label="Refunded" value={money(refunded)} />
        <Figure label="Balance" value={money(balance)} hint="left to pay" />
      </div>
      <p className="font-mono text-xs text-slate-600" data-testid="balance-equation">
        balance = charged − credited − paid + refunded = {money(charged)} − {money(credited)} − {money(paid)} +{" "}
        {money(refunded)} = {money(balance)}
      </p>
    </section>
  );
}
