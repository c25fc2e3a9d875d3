import { dateTime, moneyOrDash } from "@/components/ui/format";
import type { InvoicePage } from "@/lib/queries/invoices";
import { SourceEventLink } from "./source-event";

const th = "px-4 py-2 font-medium";

/** What the invoice charges, line by line, and the events each line bills for. */
export function InvoiceLines({ page }: { page: InvoicePage }) {
  const { currency } = page.invoice;
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Invoice lines">
      <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">Lines</h2>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className={th}>Description</th>
            <th className={`${th} text-right`}>Quantity</th>
            <th className={`${th} text-right`}>Unit price</th>
            <th className={`${th} text-right`}>Amount</th>
            <th className={th}>Period</th>
          </tr>
        </thead>
        {page.lines.map((line, i) => (
          <tbody key={i} className="border-b border-slate-100 last:border-0" data-testid="invoice-line">
            <tr>
              <td className="px-4 pt-2">{line.description}</td>
              <td className="px-4 pt-2 text-right tabular-nums">{line.quantity}</td>
              <td className="px-4 pt-2 text-right whitespace-nowrap tabular-nums">
                {moneyOrDash(line.unitAmount, currency)}
              </td>
              <td className="px-4 pt-2 text-right font-medium whitespace-nowrap tabular-nums">
                {moneyOrDash(line.amount, currency)}
              </td>
              <td className="px-4 pt-2 text-slate-600">
                {line.periodStart && line.periodEnd
                  ? `${dateTime(line.periodStart)} – ${dateTime(line.periodEnd)}`
                  : "—"}
              </td>
            </tr>
            <tr>
              <td colSpan={5} className="px-4 pt-0.5 pb-2">
                {line.sources.length > 0 ? (
                  <span className="flex flex-wrap gap-x-4 gap-y-0.5">
                    <span className="text-xs text-slate-500">Billed for:</span>
                    {line.sources.map((source) => (
                      <SourceEventLink key={source.eventId} source={source} />
                    ))}
                  </span>
                ) : (
                  <span className="text-xs text-slate-500">No source event: this line was entered by hand.</span>
                )}
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </section>
  );
}
