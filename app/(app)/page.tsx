import { LiveOverview } from "@/components/live/live-overview";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { readSystemOverview } from "@/lib/queries/system-overview";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const viewer = await requireViewer("read", "/");
  const overview = await readSystemOverview(undefined, { showQuery: can(viewer.role, "operate") });
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Event store</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Every business change is kept as an immutable, hash-chained event. Nothing is edited in place: corrections are
          new events.
        </p>
      </section>
      <LiveOverview initial={overview} />
    </div>
  );
}
