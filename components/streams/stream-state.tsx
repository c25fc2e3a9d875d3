import Link from "next/link";
import { StateFields } from "@/components/history/state-fields";
import type { StateAt } from "@/lib/history/state-at";

const currencyOf = (state: unknown) => {
  const currency = (state as { currency?: unknown } | null)?.currency;
  return typeof currency === "string" ? currency : null;
};

/** "As of version N": the page shows the stream's past; say so, and how to get back to now. */
export function VersionBanner({ at, head }: { at: StateAt; head: number }) {
  return (
    <section
      role="status"
      aria-label="Time travel"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-900"
    >
      <p>
        <span className="font-semibold">As of version {at.version}</span> of {head}: the state below is {at.streamId}{" "}
        folded up to and including its event v{at.version}, and the events listed stop there.
      </p>
      <Link href={`/streams/${at.streamId}`} className="font-medium text-violet-800 underline">
        Back to now
      </Link>
    </section>
  );
}

/** The stream folded by its aggregate: one line, and every field a click away. */
export function StreamState({ state, label }: { state: StateAt; label: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Stream state">
      <h2 className="text-sm font-semibold text-slate-900">{label}</h2>
      <p className="mt-1 text-sm text-slate-700">{state.summary}</p>
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900">Every field</summary>
        <div className="mt-2 rounded bg-slate-50 p-3">
          <StateFields state={state.state} currency={currencyOf(state.state)} />
        </div>
      </details>
    </section>
  );
}
