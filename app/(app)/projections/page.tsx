import { ProjectionConsole } from "@/components/projections/console/projection-console";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { readProjectionConsole } from "@/lib/queries/projection-console";

export const dynamic = "force-dynamic";

export default async function ProjectionsPage() {
  const viewer = await requireViewer("read", "/projections");
  const initial = await readProjectionConsole(undefined, { showQuery: can(viewer.role, "operate") });
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Projection console</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The read models built from the log: how far each has got, how fast it goes, what stopped it. Pages read the
          current tables throughout; a rebuild fills shadow tables and swaps them in when it catches up.
        </p>
      </section>
      <ProjectionConsole initial={initial} canOperate={can(viewer.role, "operate")} />
    </div>
  );
}
