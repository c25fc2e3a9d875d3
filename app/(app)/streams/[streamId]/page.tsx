import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { notFound } from "next/navigation";
import { ChainStatus } from "@/components/streams/chain-status";
import { StreamEvents } from "@/components/streams/stream-events";
import { StreamState, VersionBanner } from "@/components/streams/stream-state";
import { can } from "@/lib/auth/permissions";
import { pageAddress } from "@/lib/auth/return-path";
import { requireViewer } from "@/lib/auth/session";
import { routeId } from "@/lib/queries/params";
import { readStreamPage, type StreamPage } from "@/lib/queries/streams";
import { getRuntime } from "@/lib/server/runtime";

type Props = {
  params: Promise<{ streamId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Stream ${routeId((await params).streamId) ?? ""}` };
}

/** The page of the thing the stream is about (an invoice, a lead), else its account's. */
function ownerPage(page: StreamPage): { href: string; label: string } {
  const id = page.streamId.slice(page.kind.length + 1);
  if (page.kind === "invoice") return { href: `/invoices/${id}`, label: `Invoice ${id}` };
  if (page.kind === "lead") return { href: `/leads/${id}`, label: `Lead ${id}` };
  return { href: `/accounts/${page.accountId}`, label: `Account ${page.accountId}` };
}

/** One stream exactly as stored: every version with its hashes, its state now or at a version, its chain. */
export default async function RawStreamPage({ params, searchParams }: Props) {
  const { streamId: segment } = await params;
  const query = await searchParams;
  const viewer = await requireViewer("read", pageAddress(`/streams/${segment}`, query));
  const streamId = routeId(segment);
  const verify = can(viewer.role, "verify");
  const page = streamId ? await readStreamPage(await getRuntime(), streamId, query, { verify }) : null;
  if (!page) notFound();
  const owner = ownerPage(page);
  const pathname = `/streams/${page.streamId}`;
  const at = page.at ? `at=${page.at.version}&` : "";
  const paged = query.before !== undefined;
  return (
    <div className="space-y-6">
      <div>
        <Link href={owner.href} className="text-sm text-indigo-700 hover:underline">
          ← {owner.label}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">
          Stream <span className="font-mono">{page.streamId}</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          The {page.kind} stream of account{" "}
          <Link href={`/accounts/${page.accountId}`} className="font-mono text-indigo-700 hover:underline">
            {page.accountId}
          </Link>{" "}
          · {page.head} event{page.head === 1 ? "" : "s"} (versions 1 to {page.head}) · as stored, upcast to current
          schemas, personal data resolved
        </p>
      </div>
      {page.at ? <VersionBanner at={page.at} head={page.head} /> : null}
      {page.problems.length > 0 ? (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
          {page.problems.join(" ")} Showing the stream now.
        </p>
      ) : null}
      <ChainStatus streamId={page.streamId} chain={page.chain} />
      <StreamState
        state={page.at ?? page.now}
        label={page.at ? `State after version ${page.at.version}` : `State now (version ${page.now.version})`}
      />
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Stored events">
        <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
          Stored events, newest version first{page.at ? `, up to version ${page.at.version}` : ""}
        </h2>
        <StreamEvents streamId={page.streamId} events={page.events} atVersion={page.at?.version ?? null} />
        <Pager
          newest={paged ? `${pathname}${at ? `?${at.slice(0, -1)}` : ""}` : null}
          older={page.nextBefore !== null ? `${pathname}?${at}before=${page.nextBefore}` : null}
        />
      </section>
    </div>
  );
}
