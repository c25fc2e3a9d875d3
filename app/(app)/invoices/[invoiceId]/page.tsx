import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PendingBanner } from "@/components/accounts/pending-banner";
import { CorrectionsPanel } from "@/components/corrections/corrections-panel";
import { InvoiceLines } from "@/components/invoices/invoice-lines";
import { InvoiceMoney } from "@/components/invoices/invoice-money";
import { InvoiceFigures, InvoiceHeader } from "@/components/invoices/invoice-summary";
import { StreamTimeline } from "@/components/timeline/stream-timeline";
import { VerificationPanel } from "@/components/invoices/verification-panel";
import { can } from "@/lib/auth/permissions";
import { pageAddress } from "@/lib/auth/return-path";
import { correctionsFor } from "@/lib/corrections/catalog";
import { requireViewer } from "@/lib/auth/session";
import { readInvoiceVerification } from "@/lib/queries/invoice-verification";
import { readInvoicePage } from "@/lib/queries/invoices";
import { routeId } from "@/lib/queries/params";
import { getRuntime } from "@/lib/server/runtime";

type Props = {
  params: Promise<{ invoiceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Invoice ${routeId((await params).invoiceId) ?? ""}` };
}

/** One invoice: what it charges and why, every amount that moved its balance, and its own timeline. */
export default async function InvoicePage({ params, searchParams }: Props) {
  const { invoiceId: segment } = await params;
  const query = await searchParams;
  const viewer = await requireViewer("read", pageAddress(`/invoices/${segment}`, query));
  const invoiceId = routeId(segment);
  const runtime = await getRuntime();
  const page = invoiceId ? await readInvoicePage(runtime, invoiceId, query) : null;
  if (!page) notFound();
  // Only the roles that may verify see (and pay for) the re-derivation.
  const verification = can(viewer.role, "verify")
    ? await readInvoiceVerification(runtime, page.invoice.invoiceId, query)
    : null;
  const pathname = `/invoices/${encodeURIComponent(page.invoice.invoiceId)}`;
  return (
    <div className="space-y-6">
      <InvoiceHeader page={page} />
      <PendingBanner pending={page.pending} subject="this invoice" />
      {page.fromLog ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          The invoices read model has not seen this invoice yet: the figures below were folded from its events.
        </p>
      ) : null}
      <InvoiceFigures page={page} />
      <InvoiceLines page={page} />
      {verification ? <VerificationPanel view={verification} invoicePath={pathname} /> : null}
      <InvoiceMoney page={page} />
      {can(viewer.role, "corrective-command") ? (
        <CorrectionsPanel
          title="Correct this invoice"
          targetId={page.invoice.invoiceId}
          corrections={correctionsFor("invoice")}
          currency={page.invoice.currency}
        />
      ) : null}
      <StreamTimeline
        title="This invoice's timeline, newest first"
        streamId={`invoice-${page.invoice.invoiceId}`}
        page={page.timeline}
        pathname={pathname}
        paged={query.cursor !== undefined}
        currency={page.invoice.currency}
      />
    </div>
  );
}
