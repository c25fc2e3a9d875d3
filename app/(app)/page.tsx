import { ProjectionHealthTable } from "@/components/projections/health-table";
import { Stat } from "@/components/ui/stat";
import { requireViewer } from "@/lib/auth/session";
import { readSystemOverview } from "@/lib/queries/system-overview";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requireViewer("read", "/");
  const { store: overview, projections, horizon } = await readSystemOverview();
  const open = horizon.oldestOpenTransaction;
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Event store</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Every business change is kept as an immutable, hash-chained event. Nothing is edited in place: corrections are
          new events.
        </p>
      </section>
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
    </div>
  );
}
