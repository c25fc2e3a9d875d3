import type { HorizonHealth } from "@/lib/projections/health";

/** How far readers of the global log can see, and what holds it back when it stalls. */
export function HorizonPanel({ horizon }: { horizon: HorizonHealth }) {
  const open = horizon.oldestOpenTransaction;
  return (
    <section aria-label="Read horizon" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">Read horizon</h2>
      <p className="mt-1 text-sm text-slate-600">
        Safe horizon <span className="font-mono">{horizon.safePosition.toLocaleString("en-US")}</span> against head{" "}
        <span className="font-mono">{horizon.headPosition.toLocaleString("en-US")}</span>
        {horizon.waitingEvents > 0
          ? `: ${horizon.waitingEvents} committed event(s) wait behind an open transaction (${Math.round(horizon.oldestWaitingSeconds)} s).`
          : ": nothing waits."}
      </p>
      {open ? (
        <p className="mt-2 text-sm text-slate-700">
          Oldest open transaction: pid {open.pid}, open for {open.ageSeconds.toFixed(1)} s
          {open.state ? ` (${open.state})` : ""}
          {horizon.waitingEvents === 0
            ? ": no committed event waits behind it."
            : ": the events above wait for it to end."}
          {open.query ? <span className="block truncate font-mono text-xs text-slate-500">{open.query}</span> : null}
        </p>
      ) : null}
      {horizon.warning ? (
        <p role="alert" className="mt-2 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {horizon.warning}
        </p>
      ) : null}
    </section>
  );
}
