import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PendingBanner } from "@/components/accounts/pending-banner";
import { CorrectionsPanel } from "@/components/corrections/corrections-panel";
import { LeadAccount, LeadFacts } from "@/components/leads/lead-facts";
import { ScoreHistory } from "@/components/leads/score-history";
import { StreamTimeline } from "@/components/timeline/stream-timeline";
import { can } from "@/lib/auth/permissions";
import { pageAddress } from "@/lib/auth/return-path";
import { correctionsFor } from "@/lib/corrections/catalog";
import { requireViewer } from "@/lib/auth/session";
import { readLeadPage } from "@/lib/queries/leads";
import { routeId } from "@/lib/queries/params";
import { getRuntime } from "@/lib/server/runtime";

type Props = {
  params: Promise<{ leadId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Lead ${routeId((await params).leadId) ?? ""}` };
}

/** One lead: who it is now, every score it got, the account it became, and its own timeline. */
export default async function LeadPage({ params, searchParams }: Props) {
  const { leadId: segment } = await params;
  const query = await searchParams;
  const viewer = await requireViewer("read", pageAddress(`/leads/${segment}`, query));
  const leadId = routeId(segment);
  const page = leadId ? await readLeadPage(await getRuntime(), leadId, query) : null;
  if (!page) notFound();
  const { lead } = page;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/leads" className="text-sm text-indigo-700 hover:underline">
          ← All leads
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">
          {lead.company} <span className="text-base font-normal text-slate-500">lead</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          <span className="font-mono">{lead.leadId}</span> · {lead.name} · {lead.stage}
        </p>
      </div>
      <PendingBanner pending={page.pending} subject="this lead" />
      <div className="grid items-start gap-4 lg:grid-cols-[3fr_2fr]">
        <LeadFacts page={page} />
        <LeadAccount page={page} />
      </div>
      <ScoreHistory page={page} />
      {can(viewer.role, "command") ? (
        <CorrectionsPanel title="Correct this lead" targetId={lead.leadId} corrections={correctionsFor("lead")} />
      ) : null}
      <StreamTimeline
        title="This lead's timeline, newest first"
        streamId={`lead-${lead.leadId}`}
        page={page.timeline}
        pathname={`/leads/${encodeURIComponent(lead.leadId)}`}
        paged={query.cursor !== undefined}
        currency={null}
      />
    </div>
  );
}
