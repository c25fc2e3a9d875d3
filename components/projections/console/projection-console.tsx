"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/live/fetch-json";
import type { ProjectionConsole as ConsoleData } from "@/lib/queries/projection-console";
import { ConsistencyPanel } from "./consistency-panel";
import { ConsoleHistory } from "./console-history";
import { HorizonPanel } from "./horizon-panel";
import { IntegrityPanel } from "./integrity-panel";
import { ProjectionRow } from "./projection-row";

// Faster than the other live pages: a rebuild's progress bar should move visibly.
const CONSOLE_INTERVAL_MS = 1500;

/** The projection console, kept current while the page is open. */
export function ProjectionConsole({ initial, canOperate }: { initial: ConsoleData; canOperate: boolean }) {
  const { data, isError } = useQuery({
    queryKey: ["projection-console"],
    queryFn: () => fetchJson<ConsoleData>("/api/projections/console"),
    initialData: initial,
    refetchInterval: CONSOLE_INTERVAL_MS,
  });
  return (
    <div className="space-y-6">
      {isError ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          Live updates paused: the server did not answer. The figures below may be out of date.
        </p>
      ) : null}
      <section aria-label="Projections" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 className="text-sm font-semibold text-slate-900">Projections</h2>
          <p className="text-xs text-slate-500">
            {canOperate
              ? "Every operation asks for a reason and is recorded with your name in the console history."
              : "You can watch the projections; operating them is for admins."}
          </p>
        </div>
        <ul className="divide-y divide-slate-100">
          {data.projections.map((h) => (
            <ProjectionRow key={h.name} health={h} throughput={data.throughput[h.name] ?? []} canOperate={canOperate} />
          ))}
        </ul>
      </section>
      <HorizonPanel horizon={data.horizon} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ConsistencyPanel canOperate={canOperate} />
        <IntegrityPanel canOperate={canOperate} latest={data.verifications[0] ?? null} />
      </div>
      <ConsoleHistory history={data.history} />
    </div>
  );
}
