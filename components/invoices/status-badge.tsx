import type { InvoiceStatusLabel } from "@/lib/queries/invoices";

const STYLES: Record<InvoiceStatusLabel, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-300",
  open: "bg-sky-50 text-sky-800 ring-sky-200",
  "partially paid": "bg-amber-50 text-amber-800 ring-amber-200",
  paid: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  void: "bg-slate-100 text-slate-600 ring-slate-300 line-through",
  uncollectible: "bg-rose-50 text-rose-800 ring-rose-200",
};

const MEANING: Record<InvoiceStatusLabel, string> = {
  draft: "Not issued yet",
  open: "Issued, nothing paid (net of refunds), a balance to pay",
  "partially paid": "Open: part paid (net of refunds), a balance left",
  paid: "Nothing left to pay",
  void: "Canceled: nothing is collected on it",
  uncollectible: "Written off with a balance left",
};

/** An invoice's status in the words support and finance use, with what it means on hover. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatusLabel }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STYLES[status]}`}
      title={MEANING[status]}
      data-testid="invoice-status"
    >
      {status}
    </span>
  );
}
