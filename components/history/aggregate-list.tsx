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

/** Every aggregate of the account as it was at the point: a line each, the whole state one click away. */
export function AggregateList({ aggregates }: { aggregates: AggregateAt[] }) {
  if (aggregates.length === 0) {
    return <p className="px-5 py-4 text-sm text-slate-600">Nothing of this account existed yet at this point.</p>;
  }
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
