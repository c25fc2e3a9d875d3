import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CausationTree, correlationHref } from "@/components/correlations/causation-tree";
import { LocalTime } from "@/components/timeline/local-time";
import { requireViewer } from "@/lib/auth/session";
import { CORRELATION_LIMIT, type CorrelationPage as Page, readCorrelation } from "@/lib/queries/correlations";
import { getRuntime } from "@/lib/server/runtime";

type Props = { params: Promise<{ id: string }> };

// Ids may hold characters a URL encodes ("delivery:evt_1"); a value that is not valid encoding is taken as is.
function decoded(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `What ${decoded((await params).id)} caused` };
}

/** "Billing webhook delivery evt_1", "Request 5f1c…", "Correlation …": what the id names, in words. */
function kindOf(page: Page): string {
  if (page.id.startsWith("delivery:")) return "Billing webhook delivery";
  if (page.replay || page.roots.some((r) => r.requestId === page.id)) return "Request";
  return "Correlation";
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function Summary({ page }: { page: Page }) {
  if (page.events === 0) return null;
  return (
    <p className="mt-1 text-sm text-slate-600">
      {plural(page.events, "event")} appended by {plural(page.commands, "command")}, in{" "}
      {page.accountIds.length === 1 ? "account " : `${page.accountIds.length} accounts: `}
      {page.accountIds.map((a, i) => (
        <span key={a}>
          {i > 0 ? ", " : ""}
          <Link href={`/accounts/${encodeURIComponent(a)}`} className="font-mono text-indigo-700 hover:underline">
            {a}
          </Link>
        </span>
      ))}
      .{page.commands > 1 ? " Oldest first; under each event, what our policies did because of it." : ""}
    </p>
  );
}

const notice = "rounded-md border px-4 py-2 text-sm";

/** Everything one request (or webhook delivery) caused, across streams and accounts. */
export default async function CorrelationPage({ params }: Props) {
  const id = decoded((await params).id);
  await requireViewer("read", correlationHref(id));
  const page = await readCorrelation(await getRuntime(), id);
  if (!page) notFound();
  const { replay } = page;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">{kindOf(page)}</p>
        <h1 className="font-mono text-2xl font-semibold tracking-tight break-all">{page.id}</h1>
        <Summary page={page} />
      </div>
      {replay ? (
        <p className={`${notice} border-sky-200 bg-sky-50 text-sky-900`} role="status" data-testid="replay-notice">
          This request was answered from the stored result of request{" "}
          <Link href={correlationHref(replay.originalRequestId)} className="font-mono underline">
            {replay.originalRequestId}
          </Link>{" "}
          (sent again <LocalTime iso={replay.replayedAt} /> by {replay.actorLabel} via {replay.source} with the same
          idempotency key). It appended nothing itself.
        </p>
      ) : null}
      {page.partOf ? (
        <p className={`${notice} border-slate-200 bg-white text-slate-700`}>
          This request is one step of a larger story:{" "}
          <Link href={correlationHref(page.partOf)} className="text-indigo-700 underline">
            see everything correlation <span className="font-mono">{page.partOf}</span> caused
          </Link>
          .
        </p>
      ) : null}
      {page.truncated ? (
        <p className={`${notice} border-amber-200 bg-amber-50 text-amber-900`} role="status">
          Only the first {CORRELATION_LIMIT} events are shown.
        </p>
      ) : null}
      {page.roots.length > 0 ? (
        <section className="rounded-lg border border-slate-200 bg-white px-5 py-3 shadow-sm" aria-label="Causation">
          <CausationTree roots={page.roots} current={page.id} />
        </section>
      ) : null}
    </div>
  );
}
