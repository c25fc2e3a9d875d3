import Link from "next/link";
import { dateTime } from "@/components/ui/format";
import type { ExistingLead } from "@/lib/domain/lead/state";
import type { LeadPage } from "@/lib/queries/leads";
import { LeadStageBadge } from "./stage-badge";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-400">—</span>;

function enrichmentText(enrichment: ExistingLead["enrichment"]): string | null {
  if (!enrichment) return null;
  const parts = [
    enrichment.companySize === undefined ? null : `${enrichment.companySize} employees`,
    enrichment.industry ?? null,
    enrichment.country ?? null,
    enrichment.website ?? null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/** The lead now, folded from its stream: who, from where, how far along, and how it ended. */
export function LeadFacts({ page }: { page: LeadPage }) {
  const { lead } = page;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Lead">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">
        The lead now{" "}
        <Link
          href={`/streams/lead-${lead.leadId}`}
          className="font-mono text-xs font-normal text-slate-500 hover:underline"
        >
          lead-{lead.leadId} v{page.version}
        </Link>
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
        <Row label="Name">{lead.name}</Row>
        <Row label="Email">{lead.email}</Row>
        <Row label="Company">{lead.company}</Row>
        <Row label="Source">{lead.source}</Row>
        <Row label="Captured">{dateTime(lead.capturedAt)}</Row>
        <Row label="Stage">
          <LeadStageBadge stage={lead.stage} />
        </Row>
        <Row label="Owner">{lead.ownerId ?? none}</Row>
        <Row label="Score">
          {lead.score ? (
            <>
              <span className="font-semibold tabular-nums">{lead.score.score}</span>/100, model{" "}
              <span className="font-mono">{lead.score.model}</span>
            </>
          ) : (
            none
          )}
        </Row>
        <Row label="Enrichment">{enrichmentText(lead.enrichment) ?? none}</Row>
        <Row label="Contacted">
          {lead.contactCount > 0
            ? `${lead.contactCount} time${lead.contactCount === 1 ? "" : "s"}, last ${dateTime(lead.lastContactedAt!)}`
            : none}
        </Row>
        <Row label="Qualified">{lead.qualifiedAt ? dateTime(lead.qualifiedAt) : none}</Row>
        <Row label="Disqualified">
          {lead.disqualification ? `${dateTime(lead.disqualification.at)}: ${lead.disqualification.reason}` : none}
        </Row>
        <Row label="Converted">{lead.convertedAt ? dateTime(lead.convertedAt) : none}</Row>
      </dl>
    </section>
  );
}

/** The account the lead became, or the one it would become (whose page already shows the lead's events). */
export function LeadAccount({ page }: { page: LeadPage }) {
  const { accountId, converted } = page.account;
  const link = (
    <Link href={`/accounts/${accountId}`} className="font-mono text-indigo-700 hover:underline">
      {accountId}
    </Link>
  );
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm"
      aria-label="The account it became"
    >
      <h2 className="mb-2 text-sm font-semibold text-slate-900">The account it became</h2>
      {converted ? (
        <p>
          Converted on {dateTime(page.lead.convertedAt!)} into the account {link}.
        </p>
      ) : page.lead.stage === "disqualified" ? (
        <p>
          None: the lead was disqualified. Its prospective account {link} shows the lead&apos;s events; it was never
          opened.
        </p>
      ) : (
        <p>
          Not converted yet. A conversion opens the prospective account {link}; its page already shows this lead&apos;s
          events.
        </p>
      )}
    </section>
  );
}
