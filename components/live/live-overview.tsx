"use client";

import { useQuery } from "@tanstack/react-query";
import { ProjectionHealthTable } from "@/components/projections/health-table";
import { Stat } from "@/components/ui/stat";
import type { SystemOverview } from "@/lib/queries/system-overview";
import { fetchJson, LIVE_INTERVAL_MS } from "./fetch-json";

/** The overview's figures, the read horizon and every projection's health, kept current while the page is open. */
export function LiveOverview({ initial }: { initial: SystemOverview }) {
  const { data, isError } = useQuery({
    queryKey: ["overview"],
    queryFn: () => fetchJson<SystemOverview>("/api/overview"),
    initialData: initial,
    refetchInterval: LIVE_INTERVAL_MS,
  });
  const { store: overview, projections, horizon } = data;
  const open = horizon.oldestOpenTransaction;
  return (
    <>
      {isError ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          Live updates paused: the server did not answer. The figures below may be out of date.
        </p>
      ) : null}
      <section className="grid grid-cols-2 gap-4 md:grid-cols-4" aria-label="Event store figures">
        <Stat label="Events" value={overview.events.toLocaleString("en-US")} />
        <Stat label="Streams" value={overview.streams.toLocaleString("en-US")} />
        <Stat
          label="Accounts"
          value={overview.accounts.toLocaleString("en-US")}
          hint="including prospects (unconverted leads)"
        />
        <Stat
          label="Database"
          value={overview.databaseKind === "embedded" ? "Embedded" : "Server"}
          hint={overview.databaseKind === "embedded" ? "PGlite under .data/ — for trying the app" : "PostgreSQL"}
        />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="Read horizon">
        <h2 className="text-sm font-semibold text-slate-900">Read horizon</h2>
        <p className="mt-1 text-sm text-slate-600">
          Readers of the global log see every event up to position{" "}
          <span className="font-mono">{horizon.safePosition}</span> of{" "}
          <span className="font-mono">{horizon.headPosition}</span>.
          {horizon.waitingEvents > 0
            ? ` ${horizon.waitingEvents} committed event(s) wait behind an open transaction.`
            : " Nothing is waiting."}
        </p>
        {open ? (
          <p className="mt-2 text-sm text-amber-700">
            Oldest open transaction: pid {open.pid}, open for {open.ageSeconds.toFixed(1)} s
            {open.database ? ` in ${open.database}` : ""}.
          </p>
        ) : null}
      </section>
      <ProjectionHealthTable health={projections} horizon={horizon} />
    </>
  );
}
