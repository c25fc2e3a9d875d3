import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { routeId } from "@/lib/queries/params";
import { requireViewer } from "@/lib/auth/session";
import { readAccountEvent } from "@/lib/queries/accounts";
import { SupersedeButton } from "@/components/corrections/supersede-button";

type Props = { params: Promise<{ accountId: string; position: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Event ${(await params).position}` };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-mono break-all text-slate-800">{children}</dd>
    </div>
  );
}

/** The stored event behind a timeline sentence: what support quotes and finance verifies. */
export default async function RawEventPage({ params }: Props) {
  const { accountId: segment, position } = await params;
  const accountId = routeId(segment);
  if (accountId === null) notFound();
  const viewer = await requireViewer("read", `/accounts/${accountId}/events/${position}`);
  if (!/^\d{1,15}$/.test(position)) notFound();
  const found = await readAccountEvent(accountId, Number(position), { verify: can(viewer.role, "verify") });
  if (!found) notFound();
  const { entry, event, chain } = found;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/accounts/${accountId}`} className="text-sm text-indigo-700 hover:underline">
          ← Back to the timeline
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{event.type}</h1>
        <p className={`mt-1 text-sm text-slate-700 ${entry.supersededBy ? "line-through" : ""}`}>{entry.sentence}</p>
        {entry.supersededBy ? (
          <p className="mt-1 text-sm text-rose-800" data-testid="superseded-note">
            Superseded by {entry.supersededBy.actorLabel} on {entry.supersededBy.at.slice(0, 10)}
            {entry.supersededBy.reason ? `: ${entry.supersededBy.reason.replace(/\.$/, "")}` : ""}. Every fold and
            figure leaves it out.
          </p>
        ) : can(viewer.role, "corrective-command") && event.version > 1 ? (
          <div className="mt-2 text-sm">
            <SupersedeButton position={event.position} type={event.type} />
          </div>
        ) : null}
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Stored event">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
          <Field label="Global position">{event.position}</Field>
          <Field label="Event id">{event.eventId}</Field>
          <Field label="Stream">
            {event.streamId} v{event.version}
          </Field>
          <Field label="Schema version">{event.schemaVersion}</Field>
          <Field label="Occurred">{event.occurredAt.toISOString()}</Field>
          <Field label="Recorded">{event.recordedAt.toISOString()}</Field>
          <Field label="Hash">{event.hash}</Field>
          <Field label="Previous hash">{event.prevHash ?? "— (first event of the stream)"}</Field>
        </dl>
        {chain ? (
          <p className={`mt-4 text-sm ${chain.ok ? "text-emerald-700" : "text-rose-700"}`} role="status">
            {chain.ok
              ? `Hash chain of ${event.streamId} verified: ${chain.eventsChecked} event${chain.eventsChecked === 1 ? "" : "s"}, none altered, missing or reordered.`
              : `Hash chain of ${event.streamId} is broken: ${chain.problems.map((p) => p.message).join("; ")}`}
          </p>
        ) : null}
      </section>
      <section className="grid gap-4 md:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Data">
          <h2 className="text-sm font-semibold text-slate-900">Data</h2>
          <pre className="mt-2 overflow-x-auto text-xs text-slate-800">{JSON.stringify(event.data, null, 2)}</pre>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Metadata">
          <h2 className="text-sm font-semibold text-slate-900">Metadata</h2>
          <pre className="mt-2 overflow-x-auto text-xs text-slate-800">{JSON.stringify(event.metadata, null, 2)}</pre>
        </div>
      </section>
    </div>
  );
}
