import Link from "next/link";
import type { AggregateAt } from "@/lib/history/account-at";
import { StateFields } from "./state-fields";

const KIND_LABEL: Record<string, string> = {
  account: "Account",
  subscription: "Subscription",
  invoice: "Invoice",
  lead: "Lead",
};

/** A page for the aggregate itself, when it has one. */
function pageOf(aggregate: AggregateAt): string | null {
  const id = aggregate.streamId.slice(aggregate.kind.length + 1);
  if (aggregate.kind === "invoice") return `/invoices/${id}`;
  if (aggregate.kind === "lead") return `/leads/${id}`;
  return null;
}

const currencyOf = (state: unknown) => {
  const currency = (state as { currency?: unknown } | null)?.currency;
  return typeof currency === "string" ? currency : null;
};

/**
 * The account's aggregates as they were at the point: a line each, the whole
 * state one click away. `total` (with `allHref`) when only some are listed.
 */
export function AggregateList({
  aggregates,
  total = aggregates.length,
  allHref,
}: {
  aggregates: AggregateAt[];
  total?: number;
  allHref?: string;
}) {
  if (aggregates.length === 0) {
    return <p className="px-5 py-4 text-sm text-slate-600">Nothing of this account existed yet at this point.</p>;
  }
  const invoices = aggregates.filter((a) => a.kind === "invoice").length;
  return (
    <>
      {total > aggregates.length ? (
        <p className="border-b border-slate-100 px-5 py-2 text-xs text-slate-600" data-testid="aggregates-shown">
          {`${total.toLocaleString("en-US")} aggregates; listed: the account, its subscription and leads, and the ${invoices.toLocaleString("en-US")} ${invoices === 1 ? "invoice" : "invoices"} changed last before this point. `}
          {allHref ? (
            <Link href={allHref} className="text-indigo-700 hover:underline">
              List all {total.toLocaleString("en-US")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <AggregateItems aggregates={aggregates} />
    </>
  );
}

function AggregateItems({ aggregates }: { aggregates: AggregateAt[] }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Aggregates at this point">
      {aggregates.map((aggregate) => {
        const page = pageOf(aggregate);
        return (
          <li key={aggregate.streamId} className="px-5 py-3" data-testid="aggregate-at">
            <details>
              <summary className="flex cursor-pointer list-none items-start justify-between gap-4">
                <span className="text-sm">
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                    {KIND_LABEL[aggregate.kind] ?? aggregate.kind}
                  </span>
                  {aggregate.summary}
                </span>
                <span className="shrink-0 text-xs text-slate-500">
                  <Link
                    href={`/streams/${aggregate.streamId}?at=${aggregate.version}`}
                    className="font-mono hover:underline"
                  >
                    {aggregate.streamId} v{aggregate.version}
                  </Link>
                  {page ? (
                    <>
                      {" · "}
                      <Link href={page} className="text-indigo-700 hover:underline">
                        open
                      </Link>
                    </>
                  ) : null}
                </span>
              </summary>
              <div className="mt-2 rounded bg-slate-50 p-3">
                <StateFields state={aggregate.state} currency={currencyOf(aggregate.state)} />
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
